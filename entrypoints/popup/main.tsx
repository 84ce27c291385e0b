import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { openGuatuDb } from '../../client/db';
import { App } from './App';
import './style.css';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const db = openGuatuDb();
  createRoot(root).render(
    <App
      db={db}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      // The board is an unlisted page of this extension: a relative URL opens it from the extension's own origin.
      onOpenBoard={() => void browser.tabs.create({ url: '/board.html' })}
    />,
  );
}

main();
