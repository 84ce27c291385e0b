import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { joinWithOptionsPage, waitUntil } from '../../scripts/browser/extension-pages';
import { toWorkspaceData } from '../../shared/model/bundles';
import { workspaceDocName } from '../../shared/model/doc-names';
import { readWorkspace } from '../../shared/model/workspace-read';
import { loadDoc } from '../../server/bundle/store-bundle';
import { startDemoServer, type DemoServer } from './support/demo-server';
import { ARTIFACTS_DIR, openBoard, openPopup, screenshot } from './support/extension-pages';

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
    await runtime.sendMessage({ type: 'guatu:sync' }).catch(() => undefined);
  });
}

describe.skipIf(!presence.run)('催报: the 项目办 reminds from the board, the cadre sees it in the popup and on the badge', () => {
  let server: DemoServer;
  let admin: Profile;
  let cadre: Profile;

  beforeAll(async () => {
    server = await startDemoServer('reminders');
    admin = await launchProfile('reminders-admin');
    await joinWithOptionsPage(admin, server.url, server.printedInvite('admin').code);
  });
  afterAll(async () => {
    await cadre?.dispose();
    await admin?.dispose();
    await server?.dispose();
  });

  it('一键催报 reaches the owner of a project whose 月报 is missing', async () => {
    const board = await openBoard(admin);
    const section = board.locator('section[aria-labelledby="board-not-filed"]');
    const remindAll = section.locator('.remind-bar button').first();
    await remindAll.waitFor({ timeout: 30_000 });
    const projectId = await section.locator('tbody tr').first().getAttribute('data-project');
    if (!projectId) throw new Error('no project without its 月报 in the demo');

    // the owner of that project, a plain member, joins in their own browser
    const wsDoc = await loadDoc(server.running.app.store, workspaceDocName(server.workspaceId));
    const data = wsDoc ? toWorkspaceData(readWorkspace(wsDoc)).data : null;
    wsDoc?.destroy();
    const entry = data?.registry.find((e) => e.id === projectId);
    const owner = data?.members.find((m) => m.id === entry?.ownerId);
    if (!owner) throw new Error(`no owner for ${projectId}`);
    cadre = await launchProfile('reminders-cadre');
    await joinWithOptionsPage(cadre, server.url, await server.invite(owner.id, owner.role));

    await remindAll.click();
    await section.locator('[role="status"]').waitFor();
    await waitUntil(
      () => section.locator(`tr[data-project="${projectId}"]`).innerText(),
      (text) => text.includes('已催报'),
      'the board to show the reminder on the project',
    );
    await section.screenshot({ path: `${ARTIFACTS_DIR}/reminder-board.png` });

    const popup = await openPopup(cadre);
    await askForPass(popup);
    const note = popup.locator(`li.item-report[data-id^="${projectId}:"] .reminder`);
    await waitUntil(
      async () => (await note.count()) > 0 && (await note.first().innerText()),
      (text) => typeof text === 'string' && text.startsWith('项目办催报'),
      'the popup to show the 催报 on the report row',
    );
    // the badge counts the reminded report like the header does (overdue or chased)
    const header = await popup.locator('.popup-header .overdue-count').innerText();
    const count = Number(/(\d+)/.exec(header)?.[1] ?? '0');
    expect(count).toBeGreaterThan(0);
    await waitUntil(
      () => badgeText(cadre),
      (text) => text === String(count),
      `the badge to show ${count}`,
    );
    await screenshot(popup, 'reminder-popup');
  });
});
