import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../shared/result';

function half(n: number): Result<{ half: number }, { reason: 'odd' }> {
  return n % 2 === 0 ? ok({ half: n / 2 }) : err({ reason: 'odd' });
}

describe('Result', () => {
  it('carries the fields of the side that happened, told apart by ok', () => {
    expect(half(8)).toEqual({ ok: true, half: 4 });
    expect(half(7)).toEqual({ ok: false, reason: 'odd' });
    expect(ok()).toEqual({ ok: true });
    const r = half(7);
    expect(r.ok ? r.half : r.reason).toBe('odd');
  });
});
