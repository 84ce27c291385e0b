import { describe, expect, it } from 'vitest';
import { headerUnit, parseAmountWan } from '../../../shared/import/amount';
import { EMPTY_CELL, type Cell } from '../../../shared/import/grid';

const s = (value: string): Cell => ({ type: 'string', value });
const n = (value: number): Cell => ({ type: 'number', value });

describe('parseAmountWan', () => {
  it.each([
    [s('56,700'), 56_700],
    [s('56，700'), 56_700],
    [s('8.6亿'), 86_000],
    [s('8.6亿元'), 86_000],
    [s('9000万元'), 9000],
    [s('9000万'), 9000],
    [s('９０００万元'), 9000],
    [s('１２，３４５．６'), 12_345.6],
    [s(' 1,234.5 万元 '), 1234.5],
    [s('120000000元'), 12_000],
    [s('0.3'), 0.3],
    [n(4500), 4500],
    [n(0.1 + 0.2), 0.3],
  ])('reads %o as %d 万元', (cell, wan) => {
    expect(parseAmountWan(cell)).toEqual({ ok: true, wan });
  });

  it.each([EMPTY_CELL, s('-'), s('—'), s('／'), s('无')])('reads %o as no figure', (cell) => {
    expect(parseAmountWan(cell)).toEqual({ ok: true, wan: null });
  });

  it('takes the unit of the header for bare numbers, and a unit in the cell over it', () => {
    expect(parseAmountWan(n(8.6), 'yi')).toEqual({ ok: true, wan: 86_000 });
    expect(parseAmountWan(s('1.5'), 'yi')).toEqual({ ok: true, wan: 15_000 });
    expect(parseAmountWan(s('500万元'), 'yi')).toEqual({ ok: true, wan: 500 });
    expect(parseAmountWan(n(1_000_000), 'yuan')).toEqual({ ok: true, wan: 100 });
  });

  it.each([
    [s('约5000'), 'notAmount'],
    [s('5千万'), 'notAmount'],
    [s('2026-05-01'), 'notAmount'],
    [{ type: 'date', value: '2026-05-01' } as Cell, 'notAmount'],
    [s('-300'), 'negative'],
    [n(-1), 'negative'],
  ])('refuses %o (%s)', (cell, reason) => {
    expect(parseAmountWan(cell)).toEqual({ ok: false, reason });
  });

  it('reads the unit a header names', () => {
    expect(headerUnit('总投资（亿元）')).toBe('yi');
    expect(headerUnit('总投资(万元)')).toBe('wan');
    expect(headerUnit('投资额（元）')).toBe('yuan');
    expect(headerUnit('总投资')).toBeNull();
  });
});
