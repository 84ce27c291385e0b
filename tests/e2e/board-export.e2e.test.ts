import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { joinWithOptionsPage } from '../../scripts/browser/extension-pages';
import { startDemoServer, type DemoServer } from './support/demo-server';
import { openBoard, screenshot } from './support/extension-pages';
import { xlsxBytes } from '../server/cli/xlsx-fixture';

const presence = chromiumPresence();

/** Clicks an export button and returns the downloaded file's bytes and name (the page saves through a link). */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const button = page.locator(selector);
  await button.waitFor({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe.skipIf(!presence.run)('the 项目办 exports the month from the board (the built extension)', () => {
  let server: DemoServer;
  let admin: Profile;

  beforeAll(async () => {
    server = await startDemoServer('export');
    admin = await launchProfile('export-admin');
    await joinWithOptionsPage(admin, server.url, server.printedInvite('admin').code);
  });
  afterAll(async () => {
    await admin?.dispose();
    await server?.dispose();
  });

  it('downloads the 月报 in the county form, ExcelJS loaded on click', async () => {
    const board = await openBoard(admin);
    const file = await download(board, 'button[data-export="report/xlsx"]');
    expect(file.name).toMatch(/^\d{4}年\d{1,2}月重点项目建设月报\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toMatch(/重点项目建设月报$/);
    expect(sheet.getCell('B4').value).toBe('项目编号');
    expect(String(sheet.getCell('A5').value)).toMatch(/^合计/);
    // Every project row has its 建设内容 (the summary now carries it).
    let projects = 0;
    let withContent = 0;
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value !== 'number') return;
      projects += 1;
      if (String(row.getCell(5).value ?? '').trim() !== '') withContent += 1;
    });
    expect(projects).toBeGreaterThan(100);
    expect(withContent).toBe(projects);
    await board.close();
  });

  it('prints the 通报, keeps the 下步工作 typed there across a reload, and saves it as .docx', async () => {
    const board = await openBoard(admin);
    await board.locator('button[data-export="circular/print"]').click();
    await board.locator('.circular-chapter h2', { hasText: '一、总体情况' }).waitFor({ timeout: 30_000 });
    expect(board.url()).toMatch(/#circular\/\d{4}-\d{2}$/);
    const steps = '一是本周五前召开项目调度会，逐个研究落后单位。\n二是督办问题限期销号。';
    await board.locator('textarea[data-circular-edit="nextSteps"]').fill(steps);

    await board.reload();
    const editor = board.locator('textarea[data-circular-edit="nextSteps"]');
    await editor.waitFor({ timeout: 30_000 });
    expect(await editor.inputValue()).toBe(steps);

    // As printed: A4, the editor replaced by the typed paragraphs, no toolbar.
    await board.emulateMedia({ media: 'print' });
    expect(await board.locator('.circular-toolbar').isVisible()).toBe(false);
    expect(await board.locator('.circular-issued p', { hasText: '二是督办问题限期销号。' }).isVisible()).toBe(true);
    await screenshot(board, 'circular-print');
    await board.emulateMedia({ media: 'screen' });

    const file = await download(board, 'button[data-circular-action="docx"]');
    expect(file.name).toMatch(/项目建设情况通报\.docx$/);
    const xml = await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const chapter of ['一、总体情况', '二、主要指标完成情况', '三、排名情况', '四、存在问题', '五、下步工作', '六、表扬和通报批评'])
      expect(text).toContain(chapter);
    expect(text).toContain('二是督办问题限期销号。');
    await board.close();
  });

  it("downloads the 月报 in the layout of the office's 月报 template imported on the 导入 page", async () => {
    // the office's form: its own order, a merged two-row header, a 责任人 and a 备注 column
    const form = await xlsxBytes(
      [
        ['2026年11月全县重点项目建设进展情况表'],
        ['序号', '项目名称', '责任人', '2026年1-11月完成投资（万元）', null, '备注'],
        [null, null, null, '累计', '其中：本月', null],
        ['注：金额单位为万元。'],
      ],
      [
        { top: 0, left: 0, bottom: 0, right: 5 },
        { top: 1, left: 0, bottom: 2, right: 0 },
        { top: 1, left: 1, bottom: 2, right: 1 },
        { top: 1, left: 2, bottom: 2, right: 2 },
        { top: 1, left: 3, bottom: 1, right: 4 },
        { top: 1, left: 5, bottom: 2, right: 5 },
      ],
      [],
      '11月',
    );
    const page = await openBoard(admin);
    expect(await page.locator('button[data-export="reportTemplate/xlsx"]').count()).toBe(0);
    await page.locator('header.board-header a.import-link').click();
    await page.locator('main.import-page input[type="file"]').setInputFiles({
      name: '11月月报.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(form),
    });
    await page.locator('[data-testid="import-counts"]').waitFor({ timeout: 30_000 });
    // the 项目办 checks the mapping: 责任人 is not imported (the change is remembered, and the layout kept)
    await page.locator('.import-mapping summary').click();
    await page.locator('select[aria-label="C 责任人"]').selectOption('');
    const kept = page.locator('[data-testid="import-template-kept"]');
    await kept.waitFor({ timeout: 30_000 });
    expect(await kept.innerText()).toContain('“全县重点项目建设进展情况表”');
    await page.close();

    const board = await openBoard(admin);
    const file = await download(board, 'button[data-export="reportTemplate/xlsx"]');
    expect(await board.locator('button[data-export="reportTemplate/xlsx"]').innerText()).toBe('月报（按导入模板“全县重点项目建设进展情况表”）');
    expect(file.name).toMatch(/^(\d{4})年(\d{1,2})月重点项目建设月报\.xlsx$/);
    const [, year, month] = /^(\d{4})年(\d{1,2})月/.exec(file.name) ?? [];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe(`${year}年${month}月全县重点项目建设进展情况表`);
    expect([1, 2, 3, 4, 6].map((c) => sheet.getRow(3).getCell(c).value)).toEqual([
      '序号',
      '项目名称',
      '责任人',
      `${year}年1-${month}月完成投资（万元）`,
      '备注',
    ]);
    expect([4, 5].map((c) => sheet.getRow(4).getCell(c).value)).toEqual(['累计', '其中：本月']);
    let projects = 0;
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value !== 'number') return;
      projects += 1;
      expect(row.getCell(3).value).toBeNull();
      expect(typeof row.getCell(4).value).toBe('number');
    });
    expect(projects).toBeGreaterThan(100);
    await board.close();
  });
});
