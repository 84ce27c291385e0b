// Driving the extension's pages, shared by the end-to-end tests and `npm run bench:extension`: viewport sizes,
// a plain poll, and joining a workspace through the options page.
import type { Page } from 'playwright-core';
import type { Profile } from './chromium';

/** A popup-sized window (Chrome's popup is at most 800×600). */
export const POPUP_VIEWPORT = { width: 420, height: 600 };
export const BOARD_VIEWPORT = { width: 1280, height: 900 };

/**
 * Polls `read` until `ok` holds for its value (a browser converging is observed, not slept on); on timeout the error
 * names what was awaited and the last value seen. Not vi.waitFor: `npm run bench:extension` joins and seeds its
 * profiles with these helpers outside any vitest run, where vitest's state cannot be reached.
 */
export async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError instanceof Error ? `error ${lastError.message}` : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Joins a workspace the way a cadre does: the options page, server address and invite code, "加入". Leaves the
 * options page open until the first pull has stored a checklist (the page pulls once right after joining).
 */
export async function joinWithOptionsPage(profile: Profile, serverUrl: string, code: string): Promise<void> {
  const page = await profile.open('options.html', { width: 900, height: 800 });
  const inputs = page.locator('form.join-form input[type="text"]');
  await inputs.nth(0).fill(serverUrl);
  await inputs.nth(1).fill(code);
  await page.locator('form.join-form button[type="submit"]').click();
  await page.locator('form.join-form .joined').waitFor({ timeout: 15_000 });
  await waitUntil(
    () => storedProjectionCount(page),
    (n) => n > 0,
    'the first pull to store a checklist',
    20_000,
  );
  await page.close();
}

/** How many checklist projections this profile's Dexie holds (read through IndexedDB from an extension page). */
export function storedProjectionCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolveCount, reject) => {
        const open = indexedDB.open('guatu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('projections')) {
            db.close();
            resolveCount(0);
            return;
          }
          const count = db.transaction('projections').objectStore('projections').count();
          count.onsuccess = () => {
            db.close();
            resolveCount(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}
