import type ExcelJS from 'exceljs';
import type { Cell } from '../../shared/calc/monthly-report-rows';
import { looksLikeFormula, TEXT_FORMAT } from './cell-safety';

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

/** Load ExcelJS on demand: it is fetched only when someone exports, so the board's first paint never pays for it. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  const { default: excel } = await import('exceljs');
  return excel;
}

/**
 * Puts a value in a cell. ExcelJS writes strings as text, never as formulas; text that starts like a formula is also
 * given the text format, so that editing the cell in Excel does not turn it into one.
 */
export function setCellValue(cell: ExcelJS.Cell, value: Cell | Date): void {
  cell.value = value;
  if (typeof value === 'string' && looksLikeFormula(value)) cell.numFmt = TEXT_FORMAT;
}

/** Adds a row cell by cell through setCellValue. */
export function addSafeRow(sheet: ExcelJS.Worksheet, cells: readonly Cell[]): ExcelJS.Row {
  const row = sheet.addRow([]);
  cells.forEach((value, i) => {
    setCellValue(row.getCell(i + 1), value);
  });
  return row;
}

/**
 * An .xlsx file from plain sheets. ExcelJS is imported here, on demand, so it is fetched only when someone exports:
 * the board's first paint never pays for it.
 */
export async function buildXlsx(sheets: readonly (SheetSpec & { blocks?: SheetBlock[] })[]): Promise<Uint8Array> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = 'Guatu 挂图作战';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(safeSheetName(spec.name));
    if (spec.title !== undefined) {
      const row = sheet.addRow([spec.title]);
      row.font = { bold: true, size: 14 };
    }
    if (spec.header.length > 0) sheet.addRow(spec.header).font = { bold: true };
    for (const cells of spec.rows) addSafeRow(sheet, cells);
    for (const block of spec.blocks ?? []) {
      sheet.addRow([]);
      sheet.addRow([block.title]).font = { bold: true };
      if (block.note) sheet.addRow([block.note]).font = { italic: true };
      if (block.header.length > 0) sheet.addRow(block.header).font = { bold: true };
      for (const cells of block.rows) addSafeRow(sheet, cells);
    }
    for (const [index, format] of Object.entries(spec.numberFormats ?? {})) {
      // Per cell, not per column: a column format would also cover the text cells kept as text above.
      sheet.getColumn(Number(index) + 1).eachCell((cell) => {
        if (typeof cell.value === 'number') cell.numFmt = format;
      });
    }
    for (const [index, width] of Object.entries(spec.widths ?? {})) sheet.getColumn(Number(index) + 1).width = width;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
