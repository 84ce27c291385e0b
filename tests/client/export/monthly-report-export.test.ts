import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportMonthlyReport } from '../../../client/export/monthly-report-export';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { countyBoard } from './fixtures';

const HEADERS_ZH = [
  '项目编号',
  '项目名称',
  '建设性质',
  '建设内容',
  '总投资（万元）',
  '今年计划投资（万元）',
  '今年累计完成投资（万元）',
  '本月完成投资（万元）',
  '计划开工',
  '计划竣工',
  '包联领导',
  '责任单位',
  '服务单位',
  '项目类型',
  '建设阶段',
  '本月进展',
  '问题和建议',
];

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  const values = sheet.getRow(n).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

describe('月报 export', () => {
  const { workspace, rows } = countyBoard();
  const table = monthlyReportRows(workspace, rows, '2026-05', 'zh-CN');

  it('writes an xlsx with the title, the 17 standard columns in order and money as numbers in 万元', async () => {
    const file = await exportMonthlyReport(table, 'xlsx', 'zh-CN');
    expect(file.filename).toBe('2026年5月重点项目建设月报.xlsx');
    const sheet = await readBack(file.bytes);
    expect(rowValues(sheet, 1)).toEqual(['2026年5月重点项目建设月报']);
    expect(rowValues(sheet, 2)).toEqual(HEADERS_ZH);
    expect(sheet.rowCount).toBe(2 + table.rows.length);

    // The first data row is the project with the smallest 项目编号; its figures come back as numbers.
    const first = table.rows[0]!;
    const project = rows.find((r) => r.code === first[0])!;
    const back = rowValues(sheet, 3);
    expect(back[0]).toBe(project.code);
    expect(back[1]).toBe(project.name);
    expect(back[4]).toBe(project.totalInvestmentWan);
    expect(typeof back[4]).toBe('number');
    expect(back[5]).toBe(project.annualPlanWan);
    expect(sheet.getColumn(5).numFmt).toBe('#,##0.00');
  });

  it('leaves the month\'s money blank and says "未填报" for a project that did not report', async () => {
    const index = table.projects.findIndex((p) => !p.filed);
    expect(index).toBeGreaterThanOrEqual(0);
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN')).bytes);
    const back = sheet.getRow(3 + index);
    expect(back.getCell(8).value).toBeNull();
    expect(back.getCell(16).value).toBe('（本月未填报）');
  });

  it('writes a CSV whose first line is the 17 headers, after a BOM', async () => {
    const file = await exportMonthlyReport(table, 'csv', 'zh-CN');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const firstLine = text.slice(1).split('\r\n')[0]!;
    expect(firstLine.split(',')).toEqual(HEADERS_ZH);
    expect(file.filename).toBe('2026年5月重点项目建设月报.csv');
  });

  it('exports English headers for an English board', async () => {
    const english = monthlyReportRows(workspace, rows, '2026-05', 'en');
    const sheet = await readBack((await exportMonthlyReport(english, 'xlsx', 'en')).bytes);
    expect(rowValues(sheet, 2)[0]).toBe('Project no.');
    expect(rowValues(sheet, 2)).toHaveLength(17);
  });
});
