import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { ensurePersistentStorage, readManagedSettings } from '../../client/device-storage';
import { openGuatuDb } from '../../client/db';
import { openSession } from '../../client/session';
import { readJoinLink } from '../../client/invite-link';
import { App } from './App';
import { firstSync } from './first-sync';
import './style.css';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const db = openGuatuDb();
  createRoot(root).render(
    <App
      db={db}
      joinLink={readJoinLink(window.location.search)}
      device={{
        ensureStorage: () =>
          ensurePersistentStorage(navigator.storage, { unlimited: browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false }),
        // Firefox without a policy and browsers without managed storage: nothing set
        readManaged: () => readManagedSettings(browser.storage?.managed),
      }}
      onJoined={(ws) => void firstSync(db, ws, (w) => openSession(w)).catch(() => {})}
    />,
  );
}

main();
