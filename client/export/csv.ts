import type { Cell } from '../../shared/calc/monthly-report-rows';
import { neutralizeCsvText } from './cell-safety';

/** Excel reads a UTF-8 CSV as Chinese only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * One field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. Blank for null. Text that a
 * spreadsheet would run as a formula (= + - @ tab CR first) is neutralized; numbers are written as they are.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : neutralizeCsvText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: BOM first, CRLF between records (RFC 4180), numbers unformatted so Excel sums them. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `${UTF8_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
