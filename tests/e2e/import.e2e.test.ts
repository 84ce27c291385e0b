import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { toWorkspaceData } from '../../shared/model/bundles';
import { workspaceDocName } from '../../shared/model/doc-names';
import { readWorkspace } from '../../shared/model/workspace-read';
import { loadDoc } from '../../server/bundle/store-bundle';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { BOARD_VIEWPORT, joinWithOptionsPage, waitUntil } from '../../scripts/browser/extension-pages';
import { startDemoServer, type DemoServer } from './support/demo-server';
import { openBoard, openPopup, screenshot } from './support/extension-pages';
import { xlsxBytes } from '../server/cli/xlsx-fixture';

const presence = chromiumPresence();

describe.skipIf(!presence.run)('importing a project list in the browser (issue #10)', () => {
  let server: DemoServer;
  const profiles: Profile[] = [];

  beforeAll(async () => {
    server = await startDemoServer('import');
  });
  afterAll(async () => {
    for (const p of profiles) await p.dispose();
    await server?.dispose();
  });

  it('an admin imports an .xlsx, sees the preview, confirms, and the member it names finds the project in the popup', async () => {
    const wsDoc = await loadDoc(server.running.app.store, workspaceDocName(server.workspaceId));
    const data = wsDoc ? toWorkspaceData(readWorkspace(wsDoc)).data : null;
    wsDoc?.destroy();
    if (!data) throw new Error('the demo workspace does not read');
    const memberInvite = server.printedInvite('member');
    const member = data.members.find((m) => m.id === memberInvite.memberId);
    const unit = data.units.find((u) => !u.archived && u.kind === 'department');
    if (!member || !unit) throw new Error('no member or unit in the demo');

    const admin = await launchProfile('import-admin');
    const cadre = await launchProfile('import-member');
    profiles.push(admin, cadre);
    await joinWithOptionsPage(admin, server.url, server.printedInvite('admin').code);
    await joinWithOptionsPage(cadre, server.url, memberInvite.code);

    const name = '城南再生水厂（导入测试）';
    const file = await xlsxBytes(
      [
        ['2026年重点项目库（导入测试）'],
        ['序号', '项目编号', '项目名称', '建设内容及规模', '总投资（万元）', '2026年计划投资', '计划开工', '计划竣工', '包联领导', '责任单位'],
        ['一、基础设施项目'],
        [1, 'DR-2026-901', name, '日处理再生水 3 万吨', '1.5亿', '6,000', '2026.6', '2027年12月', member.name, unit.name],
        [null, null, '小计', null, 15_000, 6000],
        ['注：金额单位为万元。'],
      ],
      [{ top: 0, left: 0, bottom: 0, right: 9 }],
      [],
      '项目库',
    );

    const board = await openBoard(admin);
    const link = board.locator('header.board-header a.import-link');
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await board.setViewportSize(BOARD_VIEWPORT);
    await board.locator('main.import-page input[type="file"]').setInputFiles({
      name: '项目库.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(file),
    });
    const counts = board.locator('[data-testid="import-counts"]');
    await waitUntil(
      () => counts.innerText(),
      (text) => text.includes(`${t('zh-CN', 'import.status.new')} 1`),
      'the preview to count one new project',
      30_000,
    );
    const row = board.locator('table.import-rows tr[data-row="4"]');
    expect(await row.innerText()).toContain(name);
    expect(await row.innerText()).toContain('总投资：— → 15,000 万元');
    expect(await row.innerText()).toContain('“2026.6”只写到月份，按 2026-06-01（当月 1 日）计');
    expect(await board.locator('table.import-rows tr[data-row="5"]').innerText()).toContain(t('zh-CN', 'import.reason.subtotal'));
    await screenshot(board, 'import-preview');

    await board.locator('.import-summary button.primary').click();
    const result = board.locator('.import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain(t('zh-CN', 'import.page.done', { applied: 1 }));

    // the same file again, at once: the project just written is found, nothing is new
    await result.locator('button').click();
    await board.locator('main.import-page input[type="file"]').setInputFiles({
      name: '项目库.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(file),
    });
    await waitUntil(
      () => counts.innerText(),
      (text) => text.includes(`${t('zh-CN', 'import.status.unchanged')} 1`),
      'the second preview to find the project unchanged',
      30_000,
    );
    expect(await counts.innerText()).not.toContain(t('zh-CN', 'import.status.new'));

    const popup = await openPopup(cadre);
    const project = popup.locator('li.project', { hasText: name });
    // the popup refreshes its checklist when it opens; a project assigned meanwhile shows on the next opening
    let opened = Date.now();
    await waitUntil(
      async () => {
        const shown = await project.count();
        if (shown === 0 && Date.now() - opened > 5000) {
          opened = Date.now();
          await popup.reload();
          await popup.locator('.checklist').waitFor({ timeout: 15_000 });
        }
        return shown;
      },
      (n) => n > 0,
      'the member’s popup to list the imported project',
      60_000,
    );
    await screenshot(popup, 'import-member-popup');
  });
});
