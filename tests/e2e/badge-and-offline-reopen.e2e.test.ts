import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { shanghaiDate } from '../../shared/format';
import { STAGES, type Stage } from '../../shared/schema/stage';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { pickSharedProject, startDemoServer, type DemoServer, type SharedProject } from './support/demo-server';
import { joinWithOptionsPage, waitUntil } from '../../scripts/browser/extension-pages';
import { moveStage, openPopup, problemTitles, projectRow, screenshot, stageText, syncState, waitForEditControls } from './support/extension-pages';

const presence = chromiumPresence();

/** The toolbar badge as Chrome holds it, read in the service worker. */
function badgeText(profile: Profile): Promise<string> {
  return profile.worker.evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}),
  );
}

/** Asks the worker for a sync pass now, as a page does (runtime message `guatu:sync`). */
async function askForPass(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<unknown> } } }).chrome.runtime;
    // The worker answers nothing: Chrome rejects the promise once the port closes, after the message was delivered.
    await runtime.sendMessage({ type: 'guatu:sync' }).catch(() => undefined);
  });
}

/** The number in the popup header's "逾期 N 项" (0 for "无逾期"). */
async function headerOverdue(page: Page): Promise<number> {
  const text = await page.locator('.popup-header .overdue-count').innerText();
  if (text === t('zh-CN', 'ui.header.noOverdue')) return 0;
  const n = /(\d+)/.exec(text)?.[1];
  if (n === undefined) throw new Error(`no count in "${text}"`);
  return Number(n);
}

describe.skipIf(!presence.run)('one cadre: the badge, and the popup with the server down', () => {
  let server: DemoServer;
  let project: SharedProject;
  let owner: Profile;

  beforeAll(async () => {
    server = await startDemoServer('badge');
    project = await pickSharedProject(server);
    owner = await launchProfile('badge-owner');
    await joinWithOptionsPage(owner, server.url, await server.invite(project.owner.memberId, 'member'));
  });
  afterAll(async () => {
    await owner?.dispose();
    await server?.dispose();
  });

  it('the toolbar badge counts my overdue items, and one more after I report a problem already past its deadline', async () => {
    const popup = await openPopup(owner);
    await waitForEditControls(popup, project.projectId);
    await askForPass(popup);
    const before = await headerOverdue(popup);
    await waitUntil(
      () => badgeText(owner),
      (text) => text === (before === 0 ? '' : String(before)),
      `the badge to show ${before}`,
    );

    // 报问题 with yesterday as the deadline: overdue at once, in my checklist (I own the project).
    const description = '征地拆迁协调未果（端到端测试）';
    const row = projectRow(popup, project.projectId);
    await row.locator('.item-actions button').nth(1).click();
    const form = row.locator('form.problem-form');
    await form.locator('textarea').fill(description);
    await form.locator('input[type="date"]').fill(shanghaiDate(Date.now() - 86_400_000));
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await waitUntil(
      () => headerOverdue(popup),
      (n) => n === before + 1,
      'the popup header to count the new overdue problem',
    );
    await askForPass(popup);
    await waitUntil(
      () => badgeText(owner),
      (text) => text === String(before + 1),
      `the badge to show ${before + 1}`,
    );
    expect(await popup.locator('section.section-overdue li.item-problem .item-title').allInnerTexts()).toContain(description);
    await screenshot(popup, 'badge-owner-popup');
    await popup.close();
  });

  it('with the server down, a popup opened again paints the last state, my offline edit included', async () => {
    const first = await openPopup(owner);
    await waitForEditControls(first, project.projectId);
    const names = await first.locator('li.project .item-title').allInnerTexts();
    const problems = await problemTitles(first, project.projectId);
    await first.close();

    await server.stop();
    const second = await openPopup(owner);
    expect(await second.locator('li.project .item-title').allInnerTexts()).toEqual(names);
    expect(await problemTitles(second, project.projectId)).toEqual(problems);
    await waitUntil(
      () => syncState(second),
      (s) => s === 'offline',
      'the popup to say it is offline',
    );

    // An edit made while the server is down survives closing the popup (IndexedDB document + Dexie checklist).
    await waitForEditControls(second, project.projectId);
    const shown = await stageText(second, project.projectId);
    const target: Stage = STAGES.find((s) => t('zh-CN', `stage.${s}`) !== shown)!;
    await moveStage(second, project.projectId, target);
    await waitUntil(
      () => stageText(second, project.projectId),
      (text) => text === t('zh-CN', `stage.${target}`),
      'the stage moved offline',
    );
    await second.close();

    const third = await openPopup(owner);
    expect(await stageText(third, project.projectId)).toBe(t('zh-CN', `stage.${target}`));
    await waitUntil(
      () => syncState(third),
      (s) => s === 'offline',
      'the reopened popup offline',
    );
    await screenshot(third, 'offline-reopened-popup');
  });
});
