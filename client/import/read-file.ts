/**
 * Reads a spreadsheet the 项目办 picked on the 导入 page: .xlsx with ExcelJS, loaded on demand (the board never pays
 * for it), every worksheet offered; CSV in UTF-8 (with or without BOM) or GBK; an old .xls refused with a message.
 */
import type { MessageKey } from '../../shared/i18n';
import { csvSheet, decodeCsv } from '../../shared/import/csv';
import type { Sheet } from '../../shared/import/grid';
import { sheetFormat } from '../../shared/import/source';
import { sheetFromWorksheet } from '../../shared/import/workbook';
import { err, ok, type Result } from '../../shared/result';

export type ReadFileError = { key: MessageKey; params: Record<string, string | number> };

export async function readSpreadsheet(name: string, bytes: Uint8Array): Promise<Result<{ sheets: Sheet[] }, { error: ReadFileError }>> {
  const format = sheetFormat(name, bytes);
  if (format === 'xls') return err({ error: { key: 'import.cli.xls', params: {} } });
  if (format === 'unknown') return err({ error: { key: 'import.cli.unsupported', params: { file: name } } });
  if (format === 'csv') {
    const { text } = decodeCsv(bytes, (label, fatal) => new TextDecoder(label, { fatal }));
    return ok({ sheets: [csvSheet(text, name.replace(/\.[^.]+$/, ''))] });
  }
  try {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheets = workbook.worksheets.filter((ws) => ws.state !== 'veryHidden').map((ws) => sheetFromWorksheet(ws));
    if (sheets.length === 0) return err({ error: { key: 'import.cli.emptyFile', params: {} } });
    return ok({ sheets });
  } catch (error) {
    return err({ error: { key: 'import.cli.unreadable', params: { reason: error instanceof Error ? error.message : String(error) } } });
  }
}
