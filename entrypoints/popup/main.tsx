import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { loadPageMessages } from '../../components/common/page-messages';
import { takeEarlyRead } from './early-read';
import { App } from './App';
import './style.css';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  // The first render already has the checklist, in the stored language: one paint, no empty frame before it. Only
  // that language's messages are loaded (the other one is, if the language changes while the popup is open).
  void takeEarlyRead().then(async (first) => {
    // a language that fails to load is loaded by the screen again, or zh-CN in its place (use-page-locale.ts)
    await loadPageMessages(first?.locale ?? 'zh-CN').catch(() => {});
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
