import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexRows, indexedRowsInScope } from '../../../shared/calc/metrics/row-index';
import { rowsInScope } from '../../../shared/calc/metrics/row-scope';
import type { TargetScope } from '../../../shared/schema/target';
import { row } from './campaign-fixtures';

const ids = ['a', 'b', 'c'];
const id = fc.constantFrom(...ids);
const maybeId = fc.option(id, { nil: null });
const rowArb = fc.record({
  unitId: maybeId,
  countyId: maybeId,
  ownerId: maybeId,
  leaderId: maybeId,
  team: fc.array(id, { maxLength: 3 }),
  archived: fc.boolean(),
});
const scopeArb: fc.Arbitrary<TargetScope> = fc.oneof(
  fc.constant<TargetScope>({ kind: 'workspace' }),
  id.map((unitId): TargetScope => ({ kind: 'unit', unitId })),
  id.map((memberId): TargetScope => ({ kind: 'member', memberId })),
);

describe('rows indexed once for all targets', () => {
  it('a unit row that is also in the county, and a member who owns and leads it, count it once', () => {
    const rows = [row('p1', { unitId: 'a', countyId: 'a', ownerId: 'b', leaderId: 'b', team: ['b'] }), row('p2', { unitId: 'a', archived: true })];
    const index = indexRows(rows);
    expect(indexedRowsInScope(index, { kind: 'unit', unitId: 'a' }).map((r) => r.projectId)).toEqual(['p1']);
    expect(indexedRowsInScope(index, { kind: 'member', memberId: 'b' }).map((r) => r.projectId)).toEqual(['p1']);
    expect(indexedRowsInScope(index, { kind: 'member', memberId: 'c' })).toEqual([]);
  });

  it('gives the same rows, in the same order, as filtering every row (seeded property)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), scopeArb, (parts, scope) => {
        const rows = parts.map((p, i) => row(`p${i}`, p));
        expect(indexedRowsInScope(indexRows(rows), scope)).toEqual(rowsInScope(rows, scope));
      }),
      { seed: 20260401, numRuns: 500 },
    );
  });
});
