import { describe, expect, it } from 'vitest';
import { parseImportDate } from '../../../shared/import/date';
import { EMPTY_CELL, type Cell } from '../../../shared/import/grid';

const s = (value: string): Cell => ({ type: 'string', value });

describe('parseImportDate', () => {
  it.each([
    [{ type: 'date', value: '2026-05-01' } as Cell, '2026-05-01'],
    [s('2026-05-01'), '2026-05-01'],
    [s('2026/5/1'), '2026-05-01'],
    [s('2026.5.1'), '2026-05-01'],
    [s('2026年5月1日'), '2026-05-01'],
    [s('２０２６年５月１日'), '2026-05-01'],
    [s('20260501'), '2026-05-01'],
    [{ type: 'number', value: 46_143 } as Cell, '2026-05-01'],
  ])('reads %o as the day %s', (cell, date) => {
    expect(parseImportDate(cell)).toEqual({ ok: true, date, monthOnly: false });
  });

  it.each([
    [s('2026.5'), '2026-05-01'],
    [s('2026.10'), '2026-10-01'],
    [s('2026-05'), '2026-05-01'],
    [s('2026/5'), '2026-05-01'],
    [s('2026年4月'), '2026-04-01'],
    [s('2026年4月份'), '2026-04-01'],
    [s('2026年12月底'), '2026-12-01'],
    [{ type: 'number', value: 2026.5 } as Cell, '2026-05-01'],
  ])('reads the month alone %o as its first day %s, and says so', (cell, date) => {
    expect(parseImportDate(cell)).toEqual({ ok: true, date, monthOnly: true });
  });

  it.each([EMPTY_CELL, s('—'), s('/')])('reads %o as no date', (cell) => {
    expect(parseImportDate(cell)).toEqual({ ok: true, date: null, monthOnly: false });
  });

  it.each([s('2026-02-30'), s('2026.13'), s('下半年'), s('5月'), { type: 'number', value: 12 } as Cell])('refuses %o', (cell) => {
    expect(parseImportDate(cell)).toEqual({ ok: false, reason: 'notDate' });
  });
});
