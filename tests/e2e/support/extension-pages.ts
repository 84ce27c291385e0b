import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Profile } from './chromium';

/** Screenshots and other artifacts (gitignored). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-results/e2e');

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

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = resolve(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
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
  await waitUntil(() => storedProjectionCount(page), (n) => n > 0, 'the first pull to store a checklist', 20_000);
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

/** The popup's sync state (`data-state` of the status badge): online, syncing, offline or refused. */
export function syncState(page: Page): Promise<string | null> {
  return page.locator('.popup-header .sync-status').getAttribute('data-state');
}

/** Opens the popup page and waits for the checklist painted from Dexie. */
export async function openPopup(profile: Profile): Promise<Page> {
  const page = await profile.open('popup.html', POPUP_VIEWPORT);
  await page.locator('.checklist').waitFor({ timeout: 15_000 });
  return page;
}

export const projectRow = (page: Page, projectId: string): Locator => page.locator(`li.project[data-id="${projectId}"]`);

/** The stage a project row shows (its 阶段 tag). */
export const stageText = (page: Page, projectId: string): Promise<string> => projectRow(page, projectId).locator('.stage-tag').innerText();

/** Waits for the live documents: the row offers its edit buttons once rights are known. */
export async function waitForEditControls(page: Page, projectId: string): Promise<void> {
  await projectRow(page, projectId).locator('.item-actions button').first().waitFor({ timeout: 20_000 });
}

/** Milestone ids the checklist lists for a project (open ones; a ticked one leaves the list). */
export async function milestoneIds(page: Page, projectId: string): Promise<string[]> {
  return page.locator(`li.item-milestone[data-project="${projectId}"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/** Problem descriptions the checklist lists for a project. */
export async function problemTitles(page: Page, projectId: string): Promise<string[]> {
  return page.locator(`li.item-problem[data-project="${projectId}"] .item-title`).allInnerTexts();
}

/** "调整阶段" → choose the stage → "保存": the inline stage form's two clicks. */
export async function moveStage(page: Page, projectId: string, stage: string): Promise<void> {
  const row = projectRow(page, projectId);
  await row.locator('.item-actions button').nth(0).click();
  const form = row.locator('form.stage-form');
  await form.locator('select').selectOption(stage);
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached', timeout: 10_000 });
}

/** "报问题" → description → "保存". */
export async function addProblem(page: Page, projectId: string, description: string): Promise<void> {
  const row = projectRow(page, projectId);
  await row.locator('.item-actions button').nth(1).click();
  const form = row.locator('form.problem-form');
  await form.locator('textarea').fill(description);
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached', timeout: 10_000 });
}

/** Ticks a milestone (opening the folded "以后的节点" list if it is there). */
export async function tickMilestone(page: Page, milestoneId: string): Promise<void> {
  const item = page.locator(`li.item-milestone[data-id="${milestoneId}"]`);
  const later = page.locator('details.section-later');
  if ((await later.count()) > 0 && (await later.locator(`li[data-id="${milestoneId}"]`).count()) > 0) {
    await later.locator('summary').click();
  }
  await item.locator('input.tick').check();
}

/** Opens the board page and waits for its first sections (painted from the workspace and summary documents). */
export async function openBoard(profile: Profile, query = ''): Promise<Page> {
  const page = await profile.open(`board.html${query}`, BOARD_VIEWPORT);
  await page.locator('main.board section.board-section').first().waitFor({ timeout: 30_000 });
  return page;
}

/** Finds a project with the board's finder and opens its drill-down (the project document itself). */
export async function openDrill(page: Page, projectId: string, name: string): Promise<Locator> {
  await page.locator('.project-finder input').fill(name);
  await page.locator('.finder-results button', { hasText: name }).first().click();
  const drill = page.locator(`aside.project-drill[data-drill="${projectId}"]`);
  await drill.locator('.drill-details').waitFor({ timeout: 20_000 });
  return drill;
}

/** What the drill-down shows: the stage line, each milestone's line by id, the problems' lines. */
export async function drillFacts(drill: Locator): Promise<{ stage: string; milestones: Record<string, string>; problems: string[] }> {
  return drill.evaluate((root) => {
    const stage = root.querySelector('dl.drill-fields dd[data-field="stage"]')?.textContent ?? '';
    const milestones: Record<string, string> = {};
    for (const li of root.querySelectorAll('li[data-milestone]')) milestones[li.getAttribute('data-milestone') ?? ''] = li.textContent ?? '';
    const problems = [...root.querySelectorAll('li[data-problem]')].map((li) => li.textContent ?? '');
    return { stage, milestones, problems };
  });
}
