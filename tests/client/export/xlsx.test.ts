import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportMonthlyReport } from '../../../client/export/monthly-report-export';
import { buildXlsx } from '../../../client/export/xlsx';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { summaryRow } from '../../../shared/calc/summary-row';
import { bundle, report, workspace } from '../../shared/calc/report-fixtures';

const HOSTILE = ['=HYPERLINK("http://evil.example","点击")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('xlsx formula injection', () => {
  it('writes formula-like text as text cells (text format), and negative numbers as numbers', async () => {
    const bytes = await buildXlsx([{ name: 't', header: ['文本', '数字'], rows: HOSTILE.map((text, i) => [text, -(i + 1) * 10.5]) }]);
    const sheet = await load(bytes);
    HOSTILE.forEach((text, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML reads a bare CR back as LF; the text is otherwise intact.
      expect(cell.value).toBe(text.replace(/\r/g, '\n'));
      expect(cell.numFmt).toBe('@');
      const number = sheet.getRow(i + 2).getCell(2);
      expect(number.type).toBe(ExcelJS.ValueType.Number);
      expect(number.value).toBe(-(i + 1) * 10.5);
    });
  });

  it('keeps a hostile project name, progress and 建设内容 as text in the 月报', async () => {
    const hostile = bundle(
      { id: 'p1', code: '=1+2', name: '=HYPERLINK("http://evil.example","点击")', content: '@SUM(A1:A9)' },
      { reports: [report('2026-03', 500, 1_200, { progress: '-2+3', issues: '+cmd' })] },
    );
    const ws = workspace();
    for (const source of [hostile, summaryRow(hostile)]) {
      const table = monthlyReportRows(ws, [source], '2026-03', 'zh-CN');
      const sheet = await load((await exportMonthlyReport(table, 'xlsx', 'zh-CN', { workspaceName: '示范市', exportedOn: '2026-04-02' })).bytes);
      const row = sheet.getRow(7); // title, block, 2 header rows, 合计, section heading, then the project
      for (const [column, text] of [
        [2, '=1+2'],
        [3, '=HYPERLINK("http://evil.example","点击")'],
        [5, '@SUM(A1:A9)'],
      ] as const) {
        expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
        expect(row.getCell(column).value).toBe(text);
      }
      if (!('project' in source)) continue;
      expect(row.getCell(17).value).toBe('-2+3');
      expect(row.getCell(17).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(8).value).toBe(1_200);
    }
  });
});
