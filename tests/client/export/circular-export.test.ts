import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportCircularDocx } from '../../../client/export/circular-docx';
import { exportCircular } from '../../../client/export/circular-export';
import { circularDocument } from '../../../client/view-models/circular/circular-document';
import { countyBoard } from './fixtures';

const CHAPTERS = ['一、总体情况', '二、主要指标完成情况', '三、排名情况', '四、存在问题', '五、下步工作', '六、表扬和通报批评'];

describe('通报 export', () => {
  const { workspace, rows, asOf } = countyBoard();
  const doc = circularDocument({
    workspace,
    rows,
    month: '2026-05',
    asOf,
    locale: 'zh-CN',
    notes: { nextSteps: '一是召开5月项目调度会。\n二是开展督办问题“回头看”。' },
  });

  it('writes the document as a sheet: chapters in order, percentages as numbers in % format, money in 亿元 as numbers', async () => {
    const file = await exportCircular(doc, 'xlsx', 'zh-CN');
    expect(file.filename).toBe('2026年5月全市项目建设情况通报.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const firstCells: string[] = [];
    sheet.eachRow((row) => firstCells.push(String(row.getCell(1).value ?? '')));
    expect(firstCells[2]).toBe('2026年5月全市项目建设情况通报');
    const at = CHAPTERS.map((c) => firstCells.indexOf(c));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(firstCells).toContain('一是召开5月项目调度会。');
    // A short document, not a dump: the county's 150 projects and 48 targets fit in well under 200 rows.
    expect(sheet.rowCount).toBeLessThan(200);

    // The first row of 主要指标: 重点项目完成投资 in 亿元 and its share as numbers with formats.
    let indicator: ExcelJS.Row | null = null;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '重点项目完成投资（亿元）') indicator = row;
    });
    const row = indicator as ExcelJS.Row | null;
    expect(row).not.toBeNull();
    expect(typeof row!.getCell(3).value).toBe('number');
    expect(row!.getCell(3).numFmt).toBe('#,##0.00');
    expect(row!.getCell(5).value).toBeGreaterThan(0);
    expect(row!.getCell(5).value).toBeLessThan(5);
    expect(row!.getCell(5).numFmt).toBe('0.00%');
    expect(String(row!.getCell(7).value)).toMatch(/^(落后序时进度|超序时进度) \d+\.\d{2} 个百分点$|^与序时进度持平$/);
  });

  it('writes the same document as CSV with a BOM', async () => {
    const file = await exportCircular(doc, 'csv', 'zh-CN');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    for (const chapter of CHAPTERS) expect(text).toContain(`\r\n${chapter}\r\n`);
  });

  it('builds a Word document with the 红头, the title, every chapter and the 项目办’s 下步工作', async () => {
    const file = await exportCircularDocx(doc);
    expect(file.filename).toBe('2026年5月全市项目建设情况通报.docx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(doc.issuer);
    expect(text).toContain('项目办通〔2026〕5号');
    expect(text).toContain('2026年5月全市项目建设情况通报');
    for (const chapter of CHAPTERS) expect(text).toContain(chapter);
    expect(text).toContain('二是开展督办问题“回头看”。');
    expect(xml).toContain('<w:tbl>');
    // A4 portrait.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});
