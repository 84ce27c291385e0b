import type ExcelJS from 'exceljs';
import {
  DATE_COLUMNS,
  MONEY_COLUMNS,
  monthlyReportTitle,
  type Cell,
  type MoneyTotals,
  type MonthlyReportColumn,
  type MonthlyReportTable,
} from '../../shared/calc/monthly-report-rows';
import { endOfMonth, monthNumber, yearOf } from '../../shared/calc/dates';
import { t, type MessageKey } from '../../shared/i18n';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import { toCsv } from './csv';
import { CSV_MIME, XLSX_MIME, safeFilename, type ExportFile, type ExportFormat } from './export-file';
import { loadExcel, setCellValue } from './xlsx';

/** Who exports and when: the header block of the form says it. */
export interface MonthlyReportContext {
  /** 填报单位: the workspace's name. */
  workspaceName: string;
  /** 导出日期 (Asia/Shanghai). */
  exportedOn: CalendarDate;
}

/** Column widths that fit the 月报 form's content (characters). */
const WIDTHS: Partial<Record<MonthlyReportColumn, number>> = {
  code: 14,
  name: 28,
  kind: 8,
  content: 40,
  totalInvestment: 13,
  annualPlan: 13,
  cumulativeCompleted: 13,
  monthCompleted: 12,
  plannedStart: 11,
  plannedCompletion: 11,
  leader: 10,
  responsibleUnit: 16,
  serviceUnit: 16,
  category: 10,
  stage: 8,
  progress: 36,
  issues: 36,
};
const WRAPPED: ReadonlySet<MonthlyReportColumn> = new Set(['name', 'content', 'progress', 'issues', 'responsibleUnit', 'serviceUnit']);

/** Two-row header: these columns share a merged group heading above their own; the others span both rows. */
const GROUPS: readonly { key: MessageKey; columns: readonly MonthlyReportColumn[] }[] = [
  { key: 'report.group.investment', columns: ['totalInvestment', 'annualPlan', 'cumulativeCompleted', 'monthCompleted'] },
  { key: 'report.group.schedule', columns: ['plannedStart', 'plannedCompletion'] },
  { key: 'report.group.responsibility', columns: ['leader', 'responsibleUnit', 'serviceUnit'] },
];

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** The xlsx layout: 序号, the 17 standard columns in order, then 所在县区. Row numbers of the fixed rows. */
export const REPORT_LAYOUT = { titleRow: 1, blockRow: 2, headerRows: [3, 4] as const, totalRow: 5, firstColumn: 2 } as const;

/** A calendar date as an Excel date cell (midnight UTC, which Excel shows as that day). */
function dateCell(value: Cell): Cell | Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(`${value}T00:00:00Z`);
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The 月报 as the county form prints it: a title row, a header block (填报单位, period, 万元, export date), a merged
 * two-row header (序号 + the 17 standard columns in order + 所在县区), the 合计 row, then one section per 项目类型
 * (一、工业项目) with its rows and a 小计 row; money as numbers in 万元 with two decimals, dates as date cells, notes
 * under the table. Frozen below the header and beside the names; A3 landscape, header rows repeated on every page.
 * CSV: the header line and the project rows only (UTF-8 with BOM, RFC 4180), for machines.
 */
export async function exportMonthlyReport(table: MonthlyReportTable, format: ExportFormat, locale: Locale, context: MonthlyReportContext): Promise<ExportFile> {
  const title = monthlyReportTitle(table.month, locale);
  const countyHeader = t(locale, 'report.col.county');
  if (format === 'csv') {
    const header = [...table.columns.map((c) => c.header), countyHeader];
    const rows = table.rows.map((cells, i) => [...cells, table.projects[i]?.county ?? '']);
    return { filename: safeFilename(title, 'csv'), mime: CSV_MIME, bytes: new TextEncoder().encode(toCsv([header, ...rows])) };
  }

  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = 'Guatu 挂图作战';
  const sheet = workbook.addWorksheet(t(locale, 'board.export.sheetReport'));
  const keys = table.columns.map((c) => c.key);
  const first = REPORT_LAYOUT.firstColumn; // column of 项目编号 (1-based); 序号 is column 1
  const last = first + keys.length; // 所在县区
  const columnOf = (key: MonthlyReportColumn): number => first + keys.indexOf(key);

  // Title and header block.
  sheet.mergeCells(REPORT_LAYOUT.titleRow, 1, REPORT_LAYOUT.titleRow, last);
  const titleCell = sheet.getCell(REPORT_LAYOUT.titleRow, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 18, name: '方正小标宋简体' };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(REPORT_LAYOUT.titleRow).height = 36;
  sheet.mergeCells(REPORT_LAYOUT.blockRow, 1, REPORT_LAYOUT.blockRow, last);
  const blockCell = sheet.getCell(REPORT_LAYOUT.blockRow, 1);
  blockCell.value = t(locale, 'report.headerBlock', {
    workspace: context.workspaceName,
    year: yearOf(table.month),
    month: monthNumber(table.month),
    date: context.exportedOn,
  });
  blockCell.alignment = { horizontal: 'left', vertical: 'middle' };

  // Two-row header.
  const [top, bottom] = REPORT_LAYOUT.headerRows;
  const headerAt = (column: number, text: string, rowFrom: number, rowTo: number, columnTo = column): void => {
    if (rowTo !== rowFrom || columnTo !== column) sheet.mergeCells(rowFrom, column, rowTo, columnTo);
    sheet.getCell(rowFrom, column).value = text;
  };
  headerAt(1, t(locale, 'report.col.seq'), top, bottom);
  const grouped = new Map<MonthlyReportColumn, (typeof GROUPS)[number]>();
  for (const group of GROUPS) for (const c of group.columns) grouped.set(c, group);
  for (const column of table.columns) {
    const group = grouped.get(column.key);
    const at = columnOf(column.key);
    if (!group) {
      headerAt(at, column.header, top, bottom);
      continue;
    }
    if (group.columns[0] === column.key) headerAt(at, t(locale, group.key), top, top, at + group.columns.length - 1);
    sheet.getCell(bottom, at).value = column.header;
  }
  headerAt(last, countyHeader, top, bottom);
  for (const r of [top, bottom]) {
    const row = sheet.getRow(r);
    row.height = 30;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = THIN;
    }
  }

  const styleRow = (row: ExcelJS.Row, bold: boolean): void => {
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      const key = keys[c - first];
      cell.alignment = { vertical: 'middle', wrapText: key !== undefined && WRAPPED.has(key) };
      if (bold) cell.font = { bold: true };
    }
  };
  const totalsRow = (rowNumber: number, label: string, totals: MoneyTotals): void => {
    const row = sheet.getRow(rowNumber);
    sheet.mergeCells(rowNumber, 1, rowNumber, columnOf('name'));
    row.getCell(1).value = label;
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    const money: Partial<Record<MonthlyReportColumn, number>> = {
      totalInvestment: totals.totalInvestment,
      annualPlan: totals.annualPlan,
      cumulativeCompleted: totals.cumulativeCompleted,
      monthCompleted: totals.monthCompleted,
    };
    for (const [key, value] of Object.entries(money) as [MonthlyReportColumn, number][]) {
      const cell = row.getCell(columnOf(key));
      cell.value = value;
      cell.numFmt = MONEY_FORMAT;
    }
    styleRow(row, true);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  };

  // 合计, then the sections.
  totalsRow(REPORT_LAYOUT.totalRow, t(locale, 'report.total', { count: table.total.count }), table.total);
  let rowNumber = REPORT_LAYOUT.totalRow + 1;
  for (const section of table.sections) {
    sheet.mergeCells(rowNumber, 1, rowNumber, last);
    const heading = sheet.getCell(rowNumber, 1);
    heading.value = section.title;
    heading.font = { bold: true };
    heading.alignment = { horizontal: 'left', vertical: 'middle' };
    heading.border = THIN;
    rowNumber += 1;
    section.rowIndexes.forEach((index, n) => {
      const cells = table.rows[index] ?? [];
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = n + 1;
      cells.forEach((value, i) => {
        const key = keys[i];
        const cell = row.getCell(first + i);
        if (key !== undefined && DATE_COLUMNS.has(key)) {
          setCellValue(cell, dateCell(value));
          if (value !== null) cell.numFmt = DATE_FORMAT;
        } else {
          setCellValue(cell, value);
          if (key !== undefined && MONEY_COLUMNS.has(key) && typeof value === 'number') cell.numFmt = MONEY_FORMAT;
        }
      });
      setCellValue(row.getCell(last), table.projects[index]?.county ?? '');
      styleRow(row, false);
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
      rowNumber += 1;
    });
    totalsRow(rowNumber, t(locale, 'report.subtotal', { count: section.subtotal.count }), section.subtotal);
    rowNumber += 1;
  }

  // Notes under the table.
  rowNumber += 1;
  for (const note of [t(locale, 'report.note.notFiled', { count: table.total.notFiled }), t(locale, 'report.note.stage', { date: endOfMonth(table.month) })]) {
    sheet.mergeCells(rowNumber, 1, rowNumber, last);
    sheet.getCell(rowNumber, 1).value = note;
    sheet.getCell(rowNumber, 1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    rowNumber += 1;
  }

  sheet.getColumn(1).width = 6;
  table.columns.forEach((c) => {
    sheet.getColumn(columnOf(c.key)).width = WIDTHS[c.key] ?? 12;
  });
  sheet.getColumn(last).width = 12;
  sheet.views = [{ state: 'frozen', xSplit: columnOf('name'), ySplit: bottom, activeCell: `A${REPORT_LAYOUT.totalRow}` }];
  sheet.pageSetup = {
    paperSize: 8 as unknown as ExcelJS.PaperSize, // A3 (OOXML paper size 8; ExcelJS names only some sizes)
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${top}:${bottom}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: locale === 'zh-CN' ? '第 &P 页，共 &N 页' : 'Page &P of &N' };

  const buffer = await workbook.xlsx.writeBuffer();
  return { filename: safeFilename(title, 'xlsx'), mime: XLSX_MIME, bytes: new Uint8Array(buffer) };
}
