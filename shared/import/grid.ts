/**
 * A worksheet as the import engine sees it: cells already read from a file (xlsx or CSV) by whoever opened it. The
 * engine never reads files, so the board and the CLI share it and tests build sheets by hand.
 */

/** What a cell held: text, a number, a date (a date cell, as YYYY-MM-DD), or nothing. */
export type CellType = 'string' | 'number' | 'date' | 'empty';

export interface Cell {
  type: CellType;
  /** string for 'string' and 'date' (YYYY-MM-DD), number for 'number', null for 'empty'. */
  value: string | number | null;
  /** The cell held a formula: `value` is its cached result. */
  formula?: boolean;
}

/** A merged block of cells, 0-based, corners included; only its top-left cell holds the value. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** Rows from the sheet's first row; rows may be shorter than others (missing cells are empty). */
  rows: Cell[][];
  merges: MergedRange[];
  /** 0-based indexes of columns hidden in the workbook (read all the same, and said so). */
  hiddenColumns: number[];
}

export const EMPTY_CELL: Cell = { type: 'empty', value: null };

export function cellAt(sheet: Sheet, row: number, column: number): Cell {
  return sheet.rows[row]?.[column] ?? EMPTY_CELL;
}

/** A cell as plain text (numbers as JavaScript prints them, dates as YYYY-MM-DD), trimmed. */
export function cellText(cell: Cell): string {
  if (cell.value === null) return '';
  return String(cell.value).trim();
}

export function isBlank(cell: Cell): boolean {
  return cellText(cell) === '';
}

/** The column letters Excel shows: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The widest row's length. */
export function sheetWidth(sheet: Sheet): number {
  return sheet.rows.reduce((w, row) => Math.max(w, row.length), 0);
}

/** Shorthand for tests and readers: a cell from a plain value (strings that are empty become empty cells). */
export function textCell(value: string): Cell {
  return value.trim() === '' ? EMPTY_CELL : { type: 'string', value };
}
