import type { Cell } from '../../shared/calc/monthly-report-rows';

/** One worksheet: an optional title line, a header row, data rows; `numberFormat` per column index for figures. */
export interface SheetSpec {
  name: string;
  title?: string;
  header: string[];
  rows: Cell[][];
  /** Excel number formats by column index, e.g. '#,##0.00' for 万元 columns. */
  numberFormats?: Record<number, string>;
  /** Column widths in characters, by index. */
  widths?: Record<number, number>;
}

/** Extra blocks of rows below the table (a circular's sections), written after a blank line each. */
export interface SheetBlock {
  title: string;
  note?: string;
  header: string[];
  rows: Cell[][];
}

/** Sheet names: at most 31 characters and none of : \ / ? * [ ] (Excel refuses the file otherwise). */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

/**
 * An .xlsx file from plain sheets. ExcelJS is imported here, on demand, so it is fetched only when someone exports:
 * the board's first paint never pays for it.
 */
export async function buildXlsx(sheets: readonly (SheetSpec & { blocks?: SheetBlock[] })[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Guatu 挂图作战';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(safeSheetName(spec.name));
    if (spec.title !== undefined) {
      const row = sheet.addRow([spec.title]);
      row.font = { bold: true, size: 14 };
    }
    if (spec.header.length > 0) sheet.addRow(spec.header).font = { bold: true };
    for (const cells of spec.rows) sheet.addRow(cells);
    for (const block of spec.blocks ?? []) {
      sheet.addRow([]);
      sheet.addRow([block.title]).font = { bold: true };
      if (block.note) sheet.addRow([block.note]).font = { italic: true };
      if (block.header.length > 0) sheet.addRow(block.header).font = { bold: true };
      for (const cells of block.rows) sheet.addRow(cells);
    }
    for (const [index, format] of Object.entries(spec.numberFormats ?? {})) sheet.getColumn(Number(index) + 1).numFmt = format;
    for (const [index, width] of Object.entries(spec.widths ?? {})) sheet.getColumn(Number(index) + 1).width = width;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
