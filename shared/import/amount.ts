import type { Cell } from './grid';
import { toHalfWidth } from './text';

/** The unit a column's figures are in, read from its header: "总投资（亿元）" → 亿元; default 万元. */
export type AmountUnit = 'wan' | 'yi' | 'yuan';

/** Multiplier from a unit to 万元. */
const TO_WAN: Record<AmountUnit, number> = { wan: 1, yi: 10_000, yuan: 0.0001 };

/** The unit a header names in brackets or at its end, or null when it names none (then figures are 万元). */
export function headerUnit(label: string): AmountUnit | null {
  const half = toHalfWidth(label);
  if (/亿元/.test(half)) return 'yi';
  if (/万元/.test(half)) return 'wan';
  if (/[(（]\s*元\s*[)）]/.test(half)) return 'yuan';
  return null;
}

export type AmountResult = { ok: true; wan: number | null } | { ok: false; reason: 'notAmount' | 'negative' };

/** Money kept to the precision people type (万元 with up to 6 decimals). */
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Marks people put in an empty figure cell. */
const EMPTY_MARKS = new Set(['', '-', '--', '—', '——', '/', '无', '\\']);

/**
 * An amount in 万元 from a cell, whatever its form: a number (in the column's unit), "56,700", "8.6亿", "8.6亿元",
 * "9000万元", "９０００万", "1,234.5 万元", "120000000元". A blank cell or a dash is no figure (null).
 */
export function parseAmountWan(cell: Cell, unit: AmountUnit | null = null): AmountResult {
  const factor = TO_WAN[unit ?? 'wan'];
  if (cell.type === 'number' && typeof cell.value === 'number') {
    if (!Number.isFinite(cell.value)) return { ok: false, reason: 'notAmount' };
    if (cell.value < 0) return { ok: false, reason: 'negative' };
    return { ok: true, wan: round6(cell.value * factor) };
  }
  if (cell.type === 'date') return { ok: false, reason: 'notAmount' };
  const text = toHalfWidth(String(cell.value ?? ''))
    .replace(/\s+/g, '')
    .replace(/[,，]/g, '');
  if (EMPTY_MARKS.has(text)) return { ok: true, wan: null };
  const m = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)(亿元|亿|万元|万|元)?$/.exec(text);
  if (!m) return { ok: false, reason: 'notAmount' };
  if (m[1] === '-') return { ok: false, reason: 'negative' };
  const n = Number(m[2]);
  const suffix = m[3];
  const own = suffix === '亿元' || suffix === '亿' ? TO_WAN.yi : suffix === '万元' || suffix === '万' ? TO_WAN.wan : suffix === '元' ? TO_WAN.yuan : factor;
  return { ok: true, wan: round6(n * own) };
}
