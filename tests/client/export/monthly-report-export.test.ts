import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportMonthlyReport, headerForMonth } from '../../../client/export/monthly-report-export';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { yearRange } from '../../../shared/calc/dates';
import { sumInvestment } from '../../../shared/calc/metrics/investment-sum';
import { trustedRows } from '../../../shared/calc/trusted-rows';
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

const CONTEXT = { workspaceName: '示范县项目办', exportedOn: '2026-06-15' };

/** Every row's first cells, to find the section, 小计 and 合计 rows. */
function firstCells(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) out.push(String(sheet.getRow(r).getCell(1).value ?? ''));
  return out;
}

describe('月报 export', () => {
  const { workspace, rows, asOf } = countyBoard();
  const table = monthlyReportRows(workspace, rows, '2026-05', 'zh-CN');

  it('writes the county form: title, header block, merged two-row header with 序号 and the 17 standard columns in order', async () => {
    const file = await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT);
    expect(file.filename).toBe('2026年5月重点项目建设月报.xlsx');
    const sheet = await readBack(file.bytes);
    expect(sheet.getCell('A1').value).toBe('2026年5月重点项目建设月报');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(String(sheet.getCell('A2').value)).toContain('填报单位：示范县项目办');
    expect(String(sheet.getCell('A2').value)).toContain('金额单位：万元');
    // Row 4 holds each column's own name (a merged cell reads its master's value): 序号, the 17, 所在县区.
    const names = rowValues(sheet, 4).map(String);
    expect(names[0]).toBe('序号');
    expect(names.slice(1, 18)).toEqual(HEADERS_ZH);
    expect(names[18]).toBe('所在县区');
    // The money columns sit under one merged group heading.
    expect(sheet.getCell('F3').value).toBe('投资情况（万元）');
    expect(sheet.getCell('I3').value).toBe('投资情况（万元）');
    expect(sheet.getCell('I3').isMerged).toBe(true);
    expect(sheet.getCell('B3').value).toBe('项目编号');
    expect(sheet.getCell('B4').value).toBe('项目编号');
  });

  it('has sections by 项目类型 with 小计, a 合计 equal to the board, money as 2-decimal numbers and dates as date cells', async () => {
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT)).bytes);
    const cells = firstCells(sheet);
    expect(cells[4]).toBe(`合计（${table.total.count}个）`);
    // 合计 of 今年累计完成投资 = the board's 完成投资 for January–May (the sum of every monthly figure).
    const board = sumInvestment(
      rows.filter((r) => !r.archived),
      yearRange(2026),
      '2026-05-31',
    );
    const total = sheet.getCell(5, 8);
    expect(total.value).toBeCloseTo(board, 2);
    expect(total.numFmt).toBe('#,##0.00');
    expect(table.total.notFiled).toBeGreaterThan(0);
    // The board's targets count only confirmed figures: 合计 less what awaits 审核 (said in the notes) is their figure.
    const trusted = sumInvestment(
      trustedRows(rows, workspace).filter((r) => !r.archived),
      yearRange(2026),
      '2026-05-31',
    );
    expect(table.total.cumulativeCompleted - table.awaitingReview.wan).toBeCloseTo(trusted, 2);

    for (const section of table.sections) {
      const at = cells.indexOf(section.title);
      expect(at).toBeGreaterThan(4);
      const subtotalRow = sheet.getRow(at + 1 + section.rowIndexes.length + 1);
      expect(subtotalRow.getCell(1).value).toBe(`小计（${section.rowIndexes.length}个）`);
      // Each 小计 is the sum of its rows as read back from the sheet.
      let sum = 0;
      for (let k = 0; k < section.rowIndexes.length; k++) sum += Number(sheet.getRow(at + 2 + k).getCell(8).value ?? 0);
      expect(subtotalRow.getCell(8).value).toBeCloseTo(sum, 2);
      expect(sheet.getRow(at + 2).getCell(1).value).toBe(1);
    }
    const subtotals = table.sections.reduce((sum, s) => sum + s.subtotal.cumulativeCompleted, 0);
    expect(subtotals).toBeCloseTo(table.total.cumulativeCompleted, 2);

    // A data row: 建设内容 filled, money as numbers with two decimals, 计划开工 as a date cell.
    const firstSection = table.sections[0]!;
    const dataRow = sheet.getRow(cells.indexOf(firstSection.title) + 2);
    const project = rows.find((r) => r.code === dataRow.getCell(2).value)!;
    expect(dataRow.getCell(5).value).toBe(project.content);
    expect(String(dataRow.getCell(5).value).length).toBeGreaterThan(0);
    expect(dataRow.getCell(6).value).toBe(project.totalInvestmentWan);
    expect(dataRow.getCell(6).numFmt).toBe('#,##0.00');
    if (project.plannedStart) {
      expect(dataRow.getCell(10).value).toBeInstanceOf(Date);
      expect((dataRow.getCell(10).value as Date).toISOString().slice(0, 10)).toBe(project.plannedStart);
    }
  });

  it('marks an unfiled row 未报送 with the last cumulative filed and a blank 本月', async () => {
    const index = table.projects.findIndex((p, i) => !p.filed && Number(table.rows[i]?.[6]) > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const projectId = table.projects[index]!.projectId;
    const row = rows.find((r) => r.projectId === projectId)!;
    const carried = Object.entries(row.completedByMonth)
      .filter(([m]) => m >= '2026-01' && m <= '2026-05')
      .reduce((sum, [, v]) => sum + v, 0);
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT)).bytes);
    let found: ExcelJS.Row | null = null;
    sheet.eachRow((r) => {
      if (r.getCell(2).value === row.code && r.getCell(3).value === row.name) found = r;
    });
    const back = found as ExcelJS.Row | null;
    expect(back).not.toBeNull();
    expect(back!.getCell(8).value).toBeCloseTo(carried, 4);
    expect(back!.getCell(9).value).toBeNull();
    expect(back!.getCell(17).value).toBe('未报送');
  });

  it('freezes the header and the names, and prints A3 landscape with the header rows on every page', async () => {
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT)).bytes);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(sheet.pageSetup.paperSize).toBe(8);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe('3:4');
  });

  it('writes a CSV whose first line is the 17 headers and 所在县区, after a BOM, one line per project', async () => {
    const file = await exportMonthlyReport(table, 'csv', 'zh-CN', CONTEXT);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const firstLine = text.slice(1).split('\r\n')[0]!;
    expect(firstLine.split(',')).toEqual([...HEADERS_ZH, '所在县区']);
    expect(file.filename).toBe('2026年5月重点项目建设月报.csv');
    expect(asOf).toBe('2026-06-15');
  });

  it('exports English headers for an English board', async () => {
    const english = monthlyReportRows(workspace, rows, '2026-05', 'en');
    const sheet = await readBack((await exportMonthlyReport(english, 'xlsx', 'en', CONTEXT)).bytes);
    expect(sheet.getCell('B4').value).toBe('Project no.');
    expect(sheet.getCell('A4').value).toBe('No.');
  });

  it("writes the office's own template layout when given one: its order, its headers (merged where it had them), its blank columns", async () => {
    const template = {
      columns: [
        { field: 'seq' as const, header: '序号' },
        { field: 'name' as const, header: '项目名称' },
        { field: 'code' as const, header: '项目编码' },
        { field: 'cumulativeCompleted' as const, header: '2026年1-5月完成投资 › 累计' },
        { field: 'monthCompleted' as const, header: '2026年1-5月完成投资 › 其中：本月' },
        { field: null, header: '备注' },
      ],
    };
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT, template)).bytes);
    expect(rowValues(sheet, 3).slice(0, 4).map(String)).toEqual(['序号', '项目名称', '项目编码', '2026年1-5月完成投资']);
    expect(sheet.getCell('D3').isMerged && sheet.getCell('E3').isMerged).toBe(true);
    expect(sheet.getCell('D4').value).toBe('累计');
    expect(sheet.getCell('E4').value).toBe('其中：本月');
    expect(sheet.getCell('F3').value).toBe('备注');
    expect(sheet.getCell('A5').value).toBe(`合计（${table.total.count}个）`);
    expect(sheet.getCell('D5').value).toBeCloseTo(table.total.cumulativeCompleted, 2);
    // The first project row, under the first section heading.
    const first = table.sections[0]!;
    expect(sheet.getCell('A6').value).toBe(first.title);
    const cells = table.rows[first.rowIndexes[0]!]!;
    expect(rowValues(sheet, 7).slice(0, 3)).toEqual([1, cells[1], cells[0]]);
    expect(sheet.getRow(7).getCell(6).value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    // no 本月进展, 报送情况 or 备注 column to say 未报送: a 报送情况 column is added at the end
    expect(sheet.getCell('G3').value).toBe('报送情况');
    const filedColumn: unknown[] = [];
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') filedColumn.push(row.getCell(7).value);
    });
    expect(filedColumn.filter((v) => v === '未报送')).toHaveLength(table.total.notFiled);
    expect(filedColumn.filter((v) => v === '已报送')).toHaveLength(table.total.count - table.total.notFiled);
  });

  it('in a template that starts with a money column and keeps one hidden: the 合计 label beside the figures, 未报送 in 备注, headers of the month', async () => {
    const template = {
      columns: [
        { field: 'cumulativeCompleted' as const, header: '2026年1-11月累计完成投资（万元）' },
        { field: 'name' as const, header: '项目名称' },
        { field: 'code' as const, header: '项目代码', hidden: true },
        { field: 'remark' as const, header: '备注' },
      ],
    };
    const sheet = await readBack((await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT, template)).bytes);
    expect(rowValues(sheet, 3)).toEqual(['2026年1-5月累计完成投资（万元）', '项目名称', '项目代码', '备注']);
    expect(sheet.getColumn(3).hidden).toBe(true);
    expect(sheet.getCell('A4').value).toBeCloseTo(table.total.cumulativeCompleted, 2);
    expect(sheet.getCell('B4').value).toBe(`合计（${table.total.count}个）`);
    // the section heading is not in the 项目名称 or 项目编号 column
    expect(sheet.getCell('D5').value).toBe(table.sections[0]!.title);
    const remarks: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 5 && typeof row.getCell(1).value === 'number' && typeof row.getCell(3).value === 'string') remarks.push(row.getCell(4).value);
    });
    expect(remarks.filter((v) => v === '未报送')).toHaveLength(table.total.notFiled);
    expect(remarks.filter((v) => v !== '未报送' && v !== null)).toEqual([]);
  });

  it.each([
    ['2026年11月全县重点项目建设进展情况表', '2026年5月全县重点项目建设进展情况表'],
    ['2026年1-11月全县重点项目推进情况', '2026年1-5月全县重点项目推进情况'],
    ['全县重点项目建设进展情况表', '2026年5月重点项目建设月报'],
  ])("in a template, the office's title %s is written %s (its period the month's, else Guatu's title)", async (title, written) => {
    const template = {
      title,
      columns: [
        { field: 'name' as const, header: '项目名称' },
        { field: 'progress' as const, header: '形象进度' },
      ],
    };
    const file = await exportMonthlyReport(table, 'xlsx', 'zh-CN', CONTEXT, template);
    expect((await readBack(file.bytes)).getCell('A1').value).toBe(written);
    expect(file.filename).toBe('2026年5月重点项目建设月报.xlsx');
  });

  it.each([
    ['2026年1-11月完成投资 › 其中：本月', '2026年1-5月完成投资 › 其中：本月'],
    ['2025年计划投资（万元）', '2026年计划投资（万元）'],
    ['2026年11月完成投资', '2026年5月完成投资'],
    ['1-11月累计完成', '1-5月累计完成'],
    ['11月份完成', '5月份完成'],
    ['项目名称', '项目名称'],
    ['责任单位（2个）', '责任单位（2个）'],
  ])("a template header's period becomes the exported month's: %s → %s", (header, expected) => {
    expect(headerForMonth(header, '2026-05')).toBe(expected);
  });
});
