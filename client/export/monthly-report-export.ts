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
import type { CalendarDate, Locale, Month } from '../../shared/schema/common';
import { toCsv } from './csv';
import { CSV_MIME, XLSX_MIME, safeFilename, type ExportFile, type ExportFormat } from './export-file';
import { loadExcel, setCellValue } from './xlsx';
import { monthFromTexts } from '../../shared/import/header';
import { ANCHOR_UNAVAILABLE, anchorNote, type AnchorStatus } from '../../shared/history/anchor-note';

/** Who exports and when: the header block of the form says it. */
export interface MonthlyReportContext {
  /** 填报单位: the workspace's name. */
  workspaceName: string;
  /** 导出日期 (Asia/Shanghai). */
  exportedOn: CalendarDate;
  /** The latest signed history digest as the server gave it (a note under the table); absent: not asked, 未取得. */
  anchor?: AnchorStatus;
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

/**
 * What a column of the sheet holds: 序号, one of the 17 standard fields, 所在县区, 报送情况 (已报送/未报送), 备注 (未报送
 * when the row's 月报 was not filed and no other column says so), or nothing Guatu fills.
 */
export type LayoutField = MonthlyReportColumn | 'seq' | 'county' | 'notFiled' | 'remark' | null;

/**
 * The layout of a 月报 template the office imported (the import remembers it per workspace and template): its columns
 * left to right, each with the field it holds and its header as the office wrote it — one level, or two for a merged
 * header ("2026年1-11月完成投资 › 其中：本月", split on " › ").
 */
export interface ReportTemplate {
  /** `hidden`: a column the office keeps hidden (it stays hidden, filled). */
  columns: readonly { field: LayoutField; header: string; hidden?: boolean }[];
  /** The office's title line ("2026年11月全县重点项目建设进展情况表"): the sheet's title, its period made the month's. */
  title?: string;
}

interface LayoutColumn {
  field: LayoutField;
  /** [own] or [group, own]. */
  header: string[];
  hidden?: boolean;
}

/** The standard county layout: 序号, the 17 columns in order with their group headings, 所在县区. */
function standardLayout(table: MonthlyReportTable, locale: Locale): LayoutColumn[] {
  const groupOf = new Map<MonthlyReportColumn, MessageKey>();
  for (const group of GROUPS) for (const c of group.columns) groupOf.set(c, group.key);
  return [
    { field: 'seq', header: [t(locale, 'report.col.seq')] },
    ...table.columns.map((c): LayoutColumn => {
      const group = groupOf.get(c.key);
      return { field: c.key, header: group ? [t(locale, group), c.header] : [c.header] };
    }),
    { field: 'county', header: [t(locale, 'report.col.county')] },
  ];
}

const PERIOD_RE = /(\d{4})年(?:(\d{1,2})[-~至到](\d{1,2})月|(\d{1,2})月)?|(?<![\d年])(\d{1,2})[-~至到](\d{1,2})月|(?<![\d年\-~至到])(\d{1,2})月/g;

/**
 * A template header's period made the exported month's: "2026年1-11月完成投资" for a May report of 2026 reads
 * "2026年1-5月完成投资", "2025年计划投资" "2026年计划投资", "11月完成" "5月完成". Text without a period is kept.
 */
export function headerForMonth(header: string, month: Month): string {
  const year = String(yearOf(month));
  const m = String(monthNumber(month));
  return header.replace(PERIOD_RE, (_all, y, from, _to, single, bareFrom, _bareTo, bare) => {
    if (y !== undefined) {
      if (from !== undefined) return `${year}年${from}-${m}月`;
      return single !== undefined ? `${year}年${m}月` : `${year}年`;
    }
    if (bareFrom !== undefined) return `${bareFrom}-${m}月`;
    return bare !== undefined ? `${m}月` : _all;
  });
}

/**
 * The office's columns, their periods made the month's. A row not filed carries its last cumulative and must say
 * 未报送 (or the figure reads as filed): a template without a 本月进展, 报送情况 or 备注 column gets a 报送情况 column at
 * its end.
 */
function templateLayout(template: ReportTemplate, month: Month, locale: Locale): LayoutColumn[] {
  const columns = template.columns.map(
    (c): LayoutColumn => ({
      field: c.field,
      header: headerForMonth(c.header, month)
        .split(' › ')
        .map((h) => h.trim())
        .filter((h) => h !== '')
        .slice(-2),
      ...(c.hidden ? { hidden: true } : {}),
    }),
  );
  if (!columns.some((c) => c.field === 'progress' || c.field === 'notFiled' || c.field === 'remark'))
    columns.push({ field: 'notFiled', header: [t(locale, 'report.col.filed')] });
  return columns;
}

/** The office's title when it names a period (made the month's, so the import reads the month from it), else Guatu's. */
function sheetTitle(standard: string, month: Month, template: ReportTemplate | undefined): string {
  const own = template?.title?.trim();
  if (!own) return standard;
  const dated = headerForMonth(own, month);
  return monthFromTexts([dated], []) === month ? dated : standard;
}

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** Row numbers of the fixed rows: the title, the header block, the header (one or two rows); 合计 follows the header. */
export const REPORT_LAYOUT = { titleRow: 1, blockRow: 2, headerRows: [3, 4] as const } as const;

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
 * under the table (the last: the latest signed history digest, or that none was obtained). Frozen below the header and beside the names; A3 landscape, header rows repeated on every page.
 * With `template`, the same rows, sections and totals in the columns and headers of the office's own template.
 * CSV: the header line and the project rows only (UTF-8 with BOM, RFC 4180), for machines.
 */
export async function exportMonthlyReport(
  table: MonthlyReportTable,
  format: ExportFormat,
  locale: Locale,
  context: MonthlyReportContext,
  template?: ReportTemplate,
): Promise<ExportFile> {
  const title = monthlyReportTitle(table.month, locale);
  const countyHeader = t(locale, 'report.col.county');
  if (format === 'csv') {
    const header = [...table.columns.map((c) => c.header), countyHeader];
    const rows = table.rows.map((cells, i) => [...cells, table.projects[i]?.county ?? '']);
    return { filename: safeFilename(title, 'csv'), mime: CSV_MIME, bytes: new TextEncoder().encode(toCsv([header, ...rows])) };
  }

  const layout = template ? templateLayout(template, table.month, locale) : standardLayout(table, locale);
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = 'Guatu 挂图作战';
  const sheet = workbook.addWorksheet(t(locale, 'board.export.sheetReport'));
  const keys = table.columns.map((c) => c.key);
  const last = Math.max(1, layout.length);
  const columnOf = (field: LayoutField): number => layout.findIndex((c) => c.field === field) + 1; // 0 when absent
  // 备注 says 未报送 only where neither 本月进展 nor 报送情况 does
  const remarkMarks = columnOf('progress') === 0 && columnOf('notFiled') === 0;

  // Title and header block.
  sheet.mergeCells(REPORT_LAYOUT.titleRow, 1, REPORT_LAYOUT.titleRow, last);
  const titleCell = sheet.getCell(REPORT_LAYOUT.titleRow, 1);
  titleCell.value = sheetTitle(title, table.month, template);
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

  // Header: two rows when any column has a group heading; a group heading is merged over its neighbours that share
  // it, a column without one spans both rows.
  const twoRows = layout.some((c) => c.header.length === 2);
  const top = REPORT_LAYOUT.headerRows[0];
  const bottom = twoRows ? REPORT_LAYOUT.headerRows[1] : top;
  for (let i = 0; i < layout.length; i++) {
    const column = layout[i] as LayoutColumn;
    const at = i + 1;
    const own = column.header.at(-1) ?? '';
    if (column.header.length < 2 || !twoRows) {
      if (bottom !== top) sheet.mergeCells(top, at, bottom, at);
      setCellValue(sheet.getCell(top, at), own);
      continue;
    }
    const group = column.header[0] ?? '';
    setCellValue(sheet.getCell(bottom, at), own);
    const previous = layout[i - 1];
    if (previous && previous.header.length === 2 && previous.header[0] === group) continue;
    let end = at;
    while (layout[end]?.header.length === 2 && layout[end]?.header[0] === group) end += 1;
    if (end > at) sheet.mergeCells(top, at, top, end);
    setCellValue(sheet.getCell(top, at), group);
  }
  for (let r = top; r <= bottom; r++) {
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
      const field = layout[c - 1]?.field;
      cell.alignment = { vertical: 'middle', wrapText: typeof field === 'string' && WRAPPED.has(field as MonthlyReportColumn) };
      if (bold) cell.font = { bold: true };
    }
  };
  // The 合计/小计 label spans the columns before the first money column (序号 … 建设内容 in the standard form).
  // An office template may start with a money column: the label then goes in its first column that holds no figure.
  const isMoney = (c: LayoutColumn): boolean => c.field !== null && MONEY_COLUMNS.has(c.field as MonthlyReportColumn);
  const firstMoney = layout.findIndex(isMoney) + 1;
  const labelStart = firstMoney === 1 ? Math.max(1, layout.findIndex((c) => !isMoney(c)) + 1) : 1;
  const labelEnd = firstMoney > 1 ? firstMoney - 1 : labelStart;
  const totalsRow = (rowNumber: number, label: string, totals: MoneyTotals): void => {
    const row = sheet.getRow(rowNumber);
    if (labelEnd > labelStart) sheet.mergeCells(rowNumber, labelStart, rowNumber, labelEnd);
    row.getCell(labelStart).value = label;
    const money: Partial<Record<MonthlyReportColumn, number>> = {
      totalInvestment: totals.totalInvestment,
      annualPlan: totals.annualPlan,
      cumulativeCompleted: totals.cumulativeCompleted,
      monthCompleted: totals.monthCompleted,
    };
    for (const [key, value] of Object.entries(money) as [MonthlyReportColumn, number][]) {
      const at = columnOf(key);
      if (at === 0) continue;
      const cell = row.getCell(at);
      cell.value = value;
      cell.numFmt = MONEY_FORMAT;
    }
    styleRow(row, true);
    row.getCell(labelStart).alignment = { horizontal: 'center', vertical: 'middle' };
  };

  // Section headings and notes are not written in a 项目名称 or 项目编号 column (an office template may start with one):
  // they must not read as projects.
  const textStart = Math.max(1, layout.findIndex((c) => c.field !== 'name' && c.field !== 'code') + 1);

  // 合计, then the sections.
  const headerEnd = bottom;
  let rowNumber = headerEnd + 1;
  totalsRow(rowNumber, t(locale, 'report.total', { count: table.total.count }), table.total);
  rowNumber += 1;
  for (const section of table.sections) {
    if (last > textStart) sheet.mergeCells(rowNumber, textStart, rowNumber, last);
    const heading = sheet.getCell(rowNumber, textStart);
    heading.value = section.title;
    heading.font = { bold: true };
    heading.alignment = { horizontal: 'left', vertical: 'middle' };
    heading.border = THIN;
    rowNumber += 1;
    section.rowIndexes.forEach((index, n) => {
      const cells = table.rows[index] ?? [];
      const row = sheet.getRow(rowNumber);
      layout.forEach((column, i) => {
        const cell = row.getCell(i + 1);
        const { field } = column;
        if (field === null) return;
        if (field === 'seq') {
          cell.value = n + 1;
          cell.alignment = { horizontal: 'center', vertical: 'middle' };
          return;
        }
        if (field === 'county') {
          setCellValue(cell, table.projects[index]?.county ?? '');
          return;
        }
        const filed = table.projects[index]?.filed !== false;
        if (field === 'notFiled') {
          setCellValue(cell, t(locale, filed ? 'report.filed' : 'report.notFiled'));
          return;
        }
        if (field === 'remark') {
          if (!filed && remarkMarks) setCellValue(cell, t(locale, 'report.notFiled'));
          return;
        }
        const value = cells[keys.indexOf(field)] ?? null;
        if (DATE_COLUMNS.has(field)) {
          setCellValue(cell, dateCell(value));
          if (value !== null) cell.numFmt = DATE_FORMAT;
        } else {
          setCellValue(cell, value);
          if (MONEY_COLUMNS.has(field) && typeof value === 'number') cell.numFmt = MONEY_FORMAT;
        }
      });
      styleRow(row, false);
      const seq = columnOf('seq');
      if (seq > 0) row.getCell(seq).alignment = { horizontal: 'center', vertical: 'middle' };
      rowNumber += 1;
    });
    totalsRow(rowNumber, t(locale, 'report.subtotal', { count: section.subtotal.count }), section.subtotal);
    rowNumber += 1;
  }

  // Notes under the table.
  rowNumber += 1;
  const notes = [t(locale, 'report.note.notFiled', { count: table.total.notFiled }), t(locale, 'report.note.stage', { date: endOfMonth(table.month) })];
  if (table.awaitingReview.count > 0)
    notes.push(t(locale, 'report.note.awaitingReview', { count: table.awaitingReview.count, wan: table.awaitingReview.wan.toFixed(2) }));
  // the history these figures come from, anchored: the digest's fingerprint and time, or plainly 未取得 (#13)
  notes.push(anchorNote(locale, context.anchor ?? ANCHOR_UNAVAILABLE));
  for (const note of notes) {
    if (last > textStart) sheet.mergeCells(rowNumber, textStart, rowNumber, last);
    sheet.getCell(rowNumber, textStart).value = note;
    sheet.getCell(rowNumber, textStart).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    rowNumber += 1;
  }

  layout.forEach((column, i) => {
    const { field } = column;
    sheet.getColumn(i + 1).width =
      field === 'seq' ? 6 : field === 'county' || field === 'notFiled' || field === 'remark' || field === null ? 12 : (WIDTHS[field] ?? 12);
    if (column.hidden) sheet.getColumn(i + 1).hidden = true;
  });
  sheet.views = [{ state: 'frozen', xSplit: columnOf('name'), ySplit: headerEnd, activeCell: `A${headerEnd + 1}` }];
  sheet.pageSetup = {
    paperSize: 8 as unknown as ExcelJS.PaperSize, // A3 (OOXML paper size 8; ExcelJS names only some sizes)
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${top}:${headerEnd}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: locale === 'zh-CN' ? '第 &P 页，共 &N 页' : 'Page &P of &N' };

  const buffer = await workbook.xlsx.writeBuffer();
  return { filename: safeFilename(title, 'xlsx'), mime: XLSX_MIME, bytes: new Uint8Array(buffer) };
}
