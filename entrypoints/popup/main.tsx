import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { takeEarlyRead } from './early-read';
import { App } from './App';
import './style.css';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  // The first render already has the checklist: one paint, no empty frame before it.
  void takeEarlyRead().then((first) => {
    const app = (
      <App
        first={first}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        // The board is an unlisted page of this extension: a relative URL opens it from the extension's own origin.
        onOpenBoard={() => void browser.tabs.create({ url: '/board.html' })}
      />
    );
    flushSync(() => createRoot(root).render(app));
  });
}

main();
