import type { Profile } from '../../browser/chromium';
import { POPUP_VIEWPORT, waitUntil } from '../../browser/extension-pages';

/**
 * The check on the static count: which scripts Chromium actually requested for one popup opening, until its documents
 * have loaded (the status leaves "syncing") (the page's requests as Playwright sees them, extension-relative paths).
 */
export async function loadedScripts(profile: Profile): Promise<string[]> {
  const page = await profile.context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js')) requested.push(url.pathname.replace(/^\//, ''));
  });
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(profile.url('popup.html'));
    await waitUntil(
      () => page.locator('.popup-header .sync-status').getAttribute('data-state'),
      (s) => s !== null && s !== 'syncing',
      'the popup to load its documents',
      60_000,
    );
    return [...new Set(requested)].sort();
  } finally {
    await page.close();
  }
}
