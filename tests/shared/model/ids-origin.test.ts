import { describe, expect, it } from 'vitest';
import { isModelOrigin, localOrigin } from '../../../shared/model/origin';
import { randomId, seededIds } from '../../../shared/model/ids';
import { IdSchema } from '../../../shared/schema/common';

describe('record ids', () => {
  it('random ids fit IdSchema and do not repeat', () => {
    const ids = Array.from({ length: 200 }, randomId);
    for (const id of ids) expect(IdSchema.safeParse(id).success, id).toBe(true);
    expect(new Set(ids).size).toBe(200);
  });

  it('seeded ids repeat for the same seed only, and fit IdSchema', () => {
    const a = seededIds(7);
    const b = seededIds(7);
    const c = seededIds(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(new Set(first).size).toBe(3);
    for (const id of first) expect(id).toMatch(/^[a-z0-9]{28}$/);
  });
});

describe('transaction origins', () => {
  it('a local origin names the author; only our four sources count as model origins', () => {
    expect(localOrigin({ memberId: 'bob', at: 5 })).toEqual({ source: 'local', memberId: 'bob', at: 5 });
    for (const source of ['local', 'remote', 'server', 'persistence']) expect(isModelOrigin({ source })).toBe(true);
    for (const other of [null, undefined, 'local', {}, { source: 'provider' }]) expect(isModelOrigin(other)).toBe(false);
  });
});
