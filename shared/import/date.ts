import { isCalendarDate } from '../schema/common';
import type { Cell } from './grid';
import { toHalfWidth } from './text';

export type DateResult = { ok: true; date: string | null; monthOnly: boolean } | { ok: false; reason: 'notDate' };

const pad = (n: number): string => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string | null {
  const date = `${y}-${pad(m)}-${pad(d)}`;
  return isCalendarDate(date) ? date : null;
}

/** Excel's serial day numbers (1900 system) of plausible project dates, 1990–2100. */
const SERIAL_MIN = 32_874;
const SERIAL_MAX = 73_051;

function fromSerial(serial: number): string {
  // Excel day 25569 is 1970-01-01; serials carry no zone (the day printed on the sheet).
  const d = new Date(Math.round((serial - 25_569) * 86_400_000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A calendar date from a cell in any of the forms a 项目办 types: a date cell, "2026-05-01", "2026/5/1",
 * "2026.5.1", "2026年5月1日", and a month alone — "2026.5", "2026-05", "2026/5", "2026年4月", "2026年4月份" — which
 * means the month's first day (`monthOnly`, so the preview can say so). A blank cell or a dash is no date.
 */
export function parseImportDate(cell: Cell): DateResult {
  if (cell.type === 'date' && typeof cell.value === 'string') {
    return isCalendarDate(cell.value) ? { ok: true, date: cell.value, monthOnly: false } : { ok: false, reason: 'notDate' };
  }
  if (cell.type === 'number' && typeof cell.value === 'number') {
    const n = cell.value;
    if (Number.isInteger(n) && n >= SERIAL_MIN && n <= SERIAL_MAX) return { ok: true, date: fromSerial(n), monthOnly: false };
    return parseText(String(n));
  }
  return parseText(String(cell.value ?? ''));
}

function parseText(raw: string): DateResult {
  const text = toHalfWidth(raw).replace(/\s+/g, '');
  if (text === '' || /^[-—/\\]+$/.test(text) || text === '无') return { ok: true, date: null, monthOnly: false };
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (full) {
    const date = day(Number(full[1]), Number(full[2]), Number(full[3]));
    return date ? { ok: true, date, monthOnly: false } : { ok: false, reason: 'notDate' };
  }
  const month = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:月份?|月底|月末|月初)?$/.exec(text);
  if (month) {
    const date = day(Number(month[1]), Number(month[2]), 1);
    return date ? { ok: true, date, monthOnly: true } : { ok: false, reason: 'notDate' };
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) {
    const date = day(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    if (date) return { ok: true, date, monthOnly: false };
  }
  return { ok: false, reason: 'notDate' };
}
