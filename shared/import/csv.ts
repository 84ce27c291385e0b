/**
 * CSV as offices save it: UTF-8 with or without a BOM, or GBK from old Excel/WPS; comma, semicolon or tab separated;
 * quoted fields with commas, quotes and line breaks (RFC 4180).
 */
import { textCell, type Sheet } from './grid';

/** A text decoder for one encoding (TextDecoder in the browser and in Node; passed in, shared/ has neither). */
export type MakeDecoder = (label: 'utf-8' | 'gbk', fatal: boolean) => { decode(bytes: Uint8Array): string };

/**
 * The text of a CSV file: UTF-8 when it has a BOM or decodes as UTF-8 without a single invalid byte, else GBK (what
 * Chinese Excel and WPS write as "CSV").
 */
export function decodeCsv(bytes: Uint8Array, makeDecoder: MakeDecoder): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: makeDecoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: makeDecoder('utf-8', true).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: makeDecoder('gbk', false).decode(bytes), encoding: 'gbk' };
  }
}

function delimiterOf(text: string): string {
  const firstLines = text.split(/\r?\n/).slice(0, 10).join('\n');
  const count = (ch: string): number => firstLines.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]?.[1] ? candidates[0][0] : ',';
}

export function parseCsv(text: string): string[][] {
  const d = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === d) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file's text as a sheet: every cell text (amounts and dates are read from text like any typed cell). */
export function csvSheet(text: string, name: string): Sheet {
  return { name, rows: parseCsv(text).map((r) => r.map(textCell)), merges: [], hiddenColumns: [] };
}
