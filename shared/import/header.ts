import { cellAt, cellText, columnLetter, sheetWidth, type Sheet } from './grid';
import { matchHeader, type ImportField } from './fields';
import { toHalfWidth } from './text';

export interface HeaderColumn {
  index: number;
  /** A, B, … as Excel shows it. */
  letter: string;
  /** The header text; a two-row header's as "parent › child". */
  label: string;
  hidden: boolean;
  /** What the synonym table reads this label as (null: not recognised). */
  suggested: ImportField | null;
}

export interface HeaderLayout {
  /** 0-based rows of the header (one or two). */
  headerRows: number[];
  /** First 0-based row after the header. */
  dataStart: number;
  columns: HeaderColumn[];
  /** Text of the rows above the header (the title block). */
  titleLines: string[];
}

/** How many rows from the top may hold the header (title blocks are a few lines). */
const HEADER_SCAN_ROWS = 20;

/** The value of the merged block a cell belongs to (its top-left cell), so a merged header reads in every column. */
function mergedText(sheet: Sheet, row: number, column: number): { text: string; spansDown: boolean; spansAcross: boolean } {
  for (const m of sheet.merges) {
    if (row >= m.top && row <= m.bottom && column >= m.left && column <= m.right) {
      return { text: cellText(cellAt(sheet, m.top, m.left)), spansDown: m.bottom > row, spansAcross: m.right > m.left };
    }
  }
  return { text: cellText(cellAt(sheet, row, column)), spansDown: false, spansAcross: false };
}

function recognised(sheet: Sheet, row: number, width: number): number {
  const fields = new Set<ImportField>();
  for (let c = 0; c < width; c++) {
    const cell = cellAt(sheet, row, c);
    if (cell.type !== 'string' && cell.type !== 'empty') continue;
    // a block merged down from the row above belongs to that row's header, not this one's
    if (sheet.merges.some((m) => m.top < row && row <= m.bottom && c >= m.left && c <= m.right)) continue;
    const f = matchHeader(mergedText(sheet, row, c).text);
    if (f !== null) fields.add(f);
  }
  return fields.size;
}

/** True when `row` reads as the second line of a two-row header under `top`. */
function isSubHeader(sheet: Sheet, top: number, row: number, width: number): boolean {
  let texts = 0;
  let underGroup = 0;
  for (let c = 0; c < width; c++) {
    const cell = cellAt(sheet, row, c);
    if (cell.type === 'number' || cell.type === 'date') return false;
    const own = cellText(cell);
    const above = mergedText(sheet, top, c);
    if (above.spansDown) continue; // a header cell merged over both rows
    if (own === '') continue;
    texts++;
    // a sub-label sits under a group label merged across, or under a blank (the group's label is to its left)
    if (above.spansAcross || cellText(cellAt(sheet, top, c)) === '' || matchHeader(own) !== null) underGroup++;
  }
  if (texts === 0 || underGroup === 0) return false;
  // the row is labels, not a data row: at most a couple of its texts read as a project's name or code
  return sheet.merges.some((m) => m.top === top && m.bottom >= row) || underGroup === texts;
}

/**
 * Finds the header: the row among the first ones that names the most known fields (at least two), and the row under
 * it when that row is the second line of a merged two-row header. Returns null when no row names two fields.
 */
export function findHeader(sheet: Sheet): HeaderLayout | null {
  const width = sheetWidth(sheet);
  let best = -1;
  let bestCount = 1;
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SCAN_ROWS); r++) {
    const n = recognised(sheet, r, width);
    if (n > bestCount) {
      best = r;
      bestCount = n;
    }
  }
  if (best < 0) return null;
  // a group's sub-labels can name more fields than the row above them (投资情况 › 总投资, 今年计划投资, …): the header
  // then starts one row up
  if (best > 0 && recognised(sheet, best - 1, width) >= 2 && isSubHeader(sheet, best - 1, best, width)) best -= 1;
  const two = best + 1 < sheet.rows.length && isSubHeader(sheet, best, best + 1, width);
  const hidden = new Set(sheet.hiddenColumns);
  const columns: HeaderColumn[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const top = mergedText(sheet, best, c);
    let label = top.text;
    if (two) {
      if (top.text !== '') group = top.text;
      const sub = top.spansDown ? '' : cellText(cellAt(sheet, best + 1, c));
      const parent = top.text !== '' ? top.text : sub !== '' ? group : '';
      label = sub === '' ? parent : parent === '' || parent === sub ? sub : `${parent} › ${sub}`;
    }
    columns.push({ index: c, letter: columnLetter(c), label, hidden: hidden.has(c), suggested: matchHeader(label) });
  }
  const titleLines: string[] = [];
  for (let r = 0; r < best; r++) {
    const text = sheet.rows[r]
      ?.map(cellText)
      .filter((s) => s !== '')
      .join(' ');
    if (text) titleLines.push(text);
  }
  return { headerRows: two ? [best, best + 1] : [best], dataStart: best + (two ? 2 : 1), columns, titleLines };
}

/**
 * The report month a sheet names: in its title ("2026年11月重点项目建设月报", "2026年1-11月…") or, failing that, in
 * a header ("2026年1-11月完成投资" → 2026-11). Null when it names none.
 */
export function monthFromTexts(titleLines: readonly string[], headerLabels: readonly string[]): string | null {
  for (const text of [...titleLines, ...headerLabels]) {
    const half = toHalfWidth(text).replace(/\s+/g, '');
    const range = /(\d{4})年(?:\d{1,2})[-~至到](\d{1,2})月/.exec(half);
    const single = /(\d{4})年(\d{1,2})月/.exec(half);
    // English titles: "…, 3/2026" (as Guatu's export writes them) or "2026-03"
    const slash = /(?:^|[^\d/])(\d{1,2})\/(\d{4})(?!\d)/.exec(half);
    const iso = /(?:^|\D)(\d{4})-(\d{2})(?!-?\d)/.exec(half);
    const found = range ?? single ?? (slash ? [slash[0], slash[2], slash[1]] : null) ?? iso;
    if (!found) continue;
    const month = Number(found[2]);
    if (month >= 1 && month <= 12) return `${found[1]}-${String(month).padStart(2, '0')}`;
  }
  return null;
}
