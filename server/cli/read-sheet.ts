/**
 * Reads a spreadsheet file for `import`: .xlsx with ExcelJS (imported when needed), CSV in UTF-8 or GBK; an old .xls
 * is refused with a message instead of being fed to a reader that would fail on it.
 */
import { basename } from 'node:path';
import type { MessageKey } from '../../shared/i18n';
import { csvSheet, decodeCsv } from '../../shared/import/csv';
import type { Sheet } from '../../shared/import/grid';
import { sheetFormat } from '../../shared/import/source';
import { sheetFromWorksheet } from '../../shared/import/workbook';
import { err, ok, type Result } from '../../shared/result';

export type SheetReadError = { key: MessageKey; params: Record<string, string | number> };

export async function readSheet(file: string, bytes: Uint8Array, sheetName?: string): Promise<Result<{ sheet: Sheet }, { error: SheetReadError }>> {
  const format = sheetFormat(file, bytes);
  if (format === 'xls') return err({ error: { key: 'import.cli.xls', params: {} } });
  if (format === 'unknown') return err({ error: { key: 'import.cli.unsupported', params: { file } } });
  if (format === 'csv') {
    const { text } = decodeCsv(bytes, (label, fatal) => new TextDecoder(label, { fatal }));
    return ok({ sheet: csvSheet(text, basename(file)) });
  }
  try {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const worksheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
    if (!worksheet) return err({ error: { key: 'import.cli.emptyFile', params: {} } });
    return ok({ sheet: sheetFromWorksheet(worksheet) });
  } catch (error) {
    return err({ error: { key: 'import.cli.unreadable', params: { reason: error instanceof Error ? error.message : String(error) } } });
  }
}
