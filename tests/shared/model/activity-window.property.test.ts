import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_WINDOW, activityArray, appendActivity } from '../../../shared/model/activity';
import { MARCH_1 } from './fixtures';

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261206;
const NUM_RUNS = 25;

/** One offline phase: each replica appends a few batches of entries (one transaction each) without syncing. */
const phaseArb = (replicas: number) => fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 40 }), { minLength: replicas, maxLength: replicas });

const scenarioArb = fc.integer({ min: 2, max: 5 }).chain((replicas) =>
  fc.record({
    replicas: fc.constant(replicas),
    phases: fc.array(phaseArb(replicas), { minLength: 1, maxLength: 4 }),
    // the order replicas' offline updates reach each other, per phase and per receiving replica
    orders: fc.array(fc.array(fc.array(fc.nat(), { minLength: replicas, maxLength: replicas }), { minLength: replicas, maxLength: replicas }), {
      minLength: 4,
      maxLength: 4,
    }),
  }),
);

/** `keys` (distinct numbers) reordered by `by`: a seeded permutation. */
function permutation(count: number, by: readonly number[]): number[] {
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => (by[a] ?? 0) - (by[b] ?? 0) || a - b);
}

describe(`activity windows trimmed by several offline writers converge (seed ${SEED})`, () => {
  it('every replica ends with the same stream, no shorter than the window and longer only by what was appended concurrently', () => {
    fc.assert(
      fc.property(scenarioArb, ({ replicas, phases, orders }) => {
        const docs = Array.from({ length: replicas }, () => new Y.Doc());
        let appendedInAll = 0;
        let serial = 0;
        for (const [p, phase] of phases.entries()) {
          const before = docs.map((d) => Y.encodeStateVector(d));
          let appended = 0;
          phase.forEach((batches, r) => {
            const doc = docs[r] as Y.Doc;
            for (const size of batches) {
              const changes = Array.from({ length: size }, () => ({
                action: 'project.edit' as const,
                record: null,
                field: 'progressNote',
                to: `第${serial++}条`,
              }));
              appendActivity(doc, { memberId: `m${r}`, at: MARCH_1 + serial }, changes);
              appended += size;
            }
          });
          appendedInAll += appended;
          const offline = docs.map((d, r) => Y.encodeStateAsUpdate(d, before[r]));
          // every replica receives every other's offline work, in its own order
          docs.forEach((doc, r) => {
            for (const from of permutation(replicas, orders[p]?.[r] ?? [])) if (from !== r) Y.applyUpdate(doc, offline[from] as Uint8Array);
          });
          const streams = docs.map((d) => JSON.stringify(activityArray(d).toJSON()));
          expect(new Set(streams).size).toBe(1);
          const length = activityArray(docs[0] as Y.Doc).length;
          // nothing of the newest window was lost to anyone's trim
          expect(length).toBeGreaterThanOrEqual(Math.min(ACTIVITY_WINDOW, appendedInAll));
          // each writer left its replica at the window: the merge adds at most what the others appended meanwhile
          if (appended > 0) expect(length).toBeLessThanOrEqual(ACTIVITY_WINDOW + appended);
        }
        // the next append anywhere brings the stream back to the window exactly, ending with the new entry
        const last = docs[0] as Y.Doc;
        appendActivity(last, { memberId: 'm0', at: MARCH_1 }, [{ action: 'project.edit', record: null, field: 'progressNote', to: '最后一条' }]);
        const stream = activityArray(last).toJSON() as Array<{ to: unknown }>;
        expect(stream.length).toBe(Math.min(ACTIVITY_WINDOW, appendedInAll + 1));
        expect(stream.at(-1)?.to).toBe('最后一条');
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });
});
