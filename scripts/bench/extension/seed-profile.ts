/**
 * Puts the city demo into a browser profile the way a cadre gets it: join on the options page (the first pull stores
 * the checklist in Dexie), open the popup until its documents are live (my project documents land in IndexedDB),
 * open the board until it is painted and online (workspace and summary documents land in IndexedDB). Returns the
 * stored Dexie rows the floor page will inline.
 */
import type { Page } from 'playwright-core';
import type { Profile } from '../../browser/chromium';
import { BOARD_VIEWPORT, POPUP_VIEWPORT, joinWithOptionsPage, waitUntil } from '../../browser/extension-pages';

export interface StoredRows {
  ws: unknown;
  projection: unknown;
}

export interface Seeded {
  rows: StoredRows;
  /** The board's "合计 N 个项目" once everything has arrived: the board counts as painted when it shows this. */
  boardTotal: string;
}

function readDexieRows(page: Page): Promise<StoredRows> {
  return page.evaluate(
    () =>
      new Promise<StoredRows>((resolve, reject) => {
        const open = indexedDB.open('guatu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['workspaces', 'projections']);
          const ws = tx.objectStore('workspaces').getAll();
          const projections = tx.objectStore('projections').getAll();
          tx.oncomplete = () => resolve({ ws: ws.result[0], projection: projections.result[0] });
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const popupState = (page: Page): Promise<string | null> => page.locator('.popup-header .sync-status').getAttribute('data-state');
const boardOnline = async (page: Page): Promise<boolean> => (await page.locator('main.board .sync.sync-online').count()) > 0;

export async function seedProfile(profile: Profile, serverUrl: string, code: string): Promise<Seeded> {
  await joinWithOptionsPage(profile, serverUrl, code);

  const popup = await profile.open('popup.html', POPUP_VIEWPORT);
  await popup.locator('.checklist').waitFor({ timeout: 60_000 });
  await waitUntil(
    () => popupState(popup),
    (s) => s === 'online',
    'the popup online',
    120_000,
  );
  const rows = await readDexieRows(popup);
  await popup.close();

  const board = await profile.open('board.html', BOARD_VIEWPORT);
  await board.locator('main.board section.board-section').first().waitFor({ timeout: 120_000 });
  await waitUntil(
    () => boardOnline(board),
    (online) => online,
    'the board online',
    120_000,
  );
  const boardTotal = await board.locator('.pipeline-total').innerText();
  await board.close();
  return { rows, boardTotal };
}
