import { MONEY_COLUMNS, monthlyReportTitle, type MonthlyReportTable } from '../../shared/calc/monthly-report-rows';
import type { Locale } from '../../shared/schema/common';
import { toCsv } from './csv';
import { CSV_MIME, XLSX_MIME, safeFilename, type ExportFile, type ExportFormat } from './export-file';
import { buildXlsx } from './xlsx';

/** Column widths that fit the 月报 form's content (characters). */
const WIDTHS: Record<string, number> = { code: 14, name: 30, content: 40, progress: 40, issues: 40, responsibleUnit: 18, serviceUnit: 18 };

/**
 * The 月报 in the 17 standard columns, in order: xlsx with the title on the first line, the header on the second and
 * money as numbers (万元) with two decimals; CSV with the header on the first line (UTF-8 with BOM, RFC 4180).
 */
export async function exportMonthlyReport(table: MonthlyReportTable, format: ExportFormat, locale: Locale): Promise<ExportFile> {
  const title = monthlyReportTitle(table.month, locale);
  const header = table.columns.map((c) => c.header);
  if (format === 'csv') {
    return { filename: safeFilename(title, 'csv'), mime: CSV_MIME, bytes: new TextEncoder().encode(toCsv([header, ...table.rows])) };
  }
  const numberFormats: Record<number, string> = {};
  const widths: Record<number, number> = {};
  table.columns.forEach((c, i) => {
    if (MONEY_COLUMNS.has(c.key)) numberFormats[i] = '#,##0.00';
    widths[i] = WIDTHS[c.key] ?? 14;
  });
  const bytes = await buildXlsx([{ name: title, title, header, rows: table.rows, numberFormats, widths }]);
  return { filename: safeFilename(title, 'xlsx'), mime: XLSX_MIME, bytes };
}
