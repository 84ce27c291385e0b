import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Profile } from '../../../scripts/browser/chromium';
import { BOARD_VIEWPORT, POPUP_VIEWPORT } from '../../../scripts/browser/extension-pages';

/** Screenshots and other artifacts (gitignored). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-results/e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = resolve(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
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
  await page.locator('.finder-results li[data-kind="project"] button', { hasText: name }).first().click();
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
