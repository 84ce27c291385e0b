/**
 * An ExcelJS worksheet as a Sheet. The shape below is the little of ExcelJS this needs, typed here so shared/ stays
 * free of the library: the board and the CLI load ExcelJS themselves (on demand) and hand the worksheet over.
 */
import type { Cell, MergedRange, Sheet } from './grid';

export interface CellLike {
  value: unknown;
  address: string;
  isMerged?: boolean;
  master?: { address: string };
}

export interface RowLike {
  eachCell(options: { includeEmpty: boolean }, visit: (cell: CellLike, column: number) => void): void;
}

export interface WorksheetLike {
  name: string;
  /** Visits only the rows and cells that exist (a sheet formatted down to row 1,048,576 is not a million rows). */
  eachRow(options: { includeEmpty: boolean }, visit: (row: RowLike, rowNumber: number) => void): void;
  getColumn(column: number): { hidden?: boolean };
  model: { merges?: string[] };
}

/** Sheets bigger than this are cut (a 项目库 of a city is a few thousand rows). */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 200;

const pad = (n: number): string => String(n).padStart(2, '0');

function fromDate(d: Date): Cell {
  // ExcelJS reads a date cell's serial as a UTC instant: its UTC calendar day is the day printed on the sheet.
  if (Number.isNaN(d.getTime())) return { type: 'empty', value: null };
  return { type: 'date', value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` };
}

/** A cell value as ExcelJS gives it: text, number, Date, rich text, hyperlink, formula with its cached result, error. */
export function cellFromValue(value: unknown, formula = false): Cell {
  const tag = formula ? { formula: true } : {};
  if (value === null || value === undefined) return { type: 'empty', value: null, ...tag };
  if (typeof value === 'string') return value.trim() === '' ? { type: 'empty', value: null, ...tag } : { type: 'string', value, ...tag };
  if (typeof value === 'number') return Number.isFinite(value) ? { type: 'number', value, ...tag } : { type: 'empty', value: null, ...tag };
  if (typeof value === 'boolean') return { type: 'string', value: value ? 'TRUE' : 'FALSE', ...tag };
  if (value instanceof Date) return { ...fromDate(value), ...tag };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return cellFromValue(v.result, true);
    if (Array.isArray(v.richText)) return cellFromValue(v.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join(''), formula);
    if ('text' in v) return cellFromValue(typeof v.text === 'string' ? v.text : String(v.text ?? ''), formula);
    if ('error' in v) return { type: 'empty', value: null, ...tag };
  }
  return { type: 'string', value: String(value), ...tag };
}

/** "B3" → { row: 2, column: 1 } (0-based). */
function decodeAddress(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1] ?? '') column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

export function decodeRange(range: string): MergedRange | null {
  const [a, b] = range.split(':');
  const from = a ? decodeAddress(a) : null;
  const to = b ? decodeAddress(b) : from;
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.column, to.column),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.column, to.column),
  };
}

export function sheetFromWorksheet(ws: WorksheetLike): Sheet {
  const rows: Cell[][] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > MAX_ROWS) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS) return;
      // a merged block's value lives in its top-left cell only
      const value = cell.isMerged && cell.master && cell.master.address !== cell.address ? null : cell.value;
      const read = cellFromValue(value);
      if (read.type === 'empty' && !read.formula) return;
      while (cells.length < column - 1) cells.push({ type: 'empty', value: null });
      cells[column - 1] = read;
    });
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
    width = Math.max(width, cells.length);
  });
  // trailing rows that hold nothing but formatting are not rows of the table
  while (rows.length > 0 && (rows.at(-1)?.length ?? 0) === 0) rows.pop();
  const merges = (ws.model.merges ?? []).map(decodeRange).filter((m): m is MergedRange => m !== null && m.top < MAX_ROWS && m.left < MAX_COLUMNS);
  for (const m of merges) width = Math.max(width, m.right + 1);
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= Math.min(width, MAX_COLUMNS); c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1);
  return { name: ws.name, rows, merges, hiddenColumns };
}
