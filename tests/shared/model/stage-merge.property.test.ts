import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { moveStage } from '../../../shared/model/project-edit';
import { readProjectDoc } from '../../../shared/model/project-read';
import { projectSlot } from '../../../shared/model/project-doc';
import { validValues } from '../../../shared/model/result';
import type { Author } from '../../../shared/model/origin';
import type { Project } from '../../../shared/schema/project';
import { STAGES, type Stage, type StageDates } from '../../../shared/schema/stage';
import { MARCH_1, alice, bob, newProject, replicaOf } from './fixtures';

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261205;
const NUM_RUNS = 80;

function projectOf(doc: Y.Doc): Project {
  const read = readProjectDoc(doc).project;
  if (!read.ok) throw new Error(`project unreadable: ${JSON.stringify(read.reasons)}`);
  return read.value;
}

/** Everything `doc` wrote since `base` (the update an offline replica sends when it reconnects). */
function offlineUpdate(doc: Y.Doc, base: Uint8Array): Uint8Array {
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(base));
}

/** A fresh replica that received `base`, then `updates` in the given order. */
function mergedInOrder(base: Uint8Array, updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base, { source: 'remote' });
  for (const u of updates) Y.applyUpdate(doc, u, { source: 'remote' });
  return doc;
}

function stageMoves(doc: Y.Doc) {
  return validValues(readProjectDoc(doc).activity)
    .filter((e) => e.action === 'project.stage')
    .map((e) => ({ by: e.by, from: e.from, to: e.to }));
}

describe('two people moving the same project offline (#9 §6)', () => {
  // at 开工 (2026-11-20); 张 marks 竣工 on 12-04, 李 marks 投产 on 12-05, both offline
  const zhang: Author = alice;
  const li: Author = bob;
  function scenario() {
    const origin = newProject();
    moveStage(origin, 'started', '2026-11-20', zhang);
    const base = Y.encodeStateAsUpdate(origin);
    const a = replicaOf(origin);
    const b = replicaOf(origin);
    expect(moveStage(a, 'completed', '2026-12-04', zhang).ok).toBe(true);
    expect(moveStage(b, 'operating', '2026-12-05', li).ok).toBe(true);
    return { base, ua: offlineUpdate(a, base), ub: offlineUpdate(b, base) };
  }

  for (const order of ['竣工 first', '投产 first'] as const) {
    it(`keeps both dates and the later stage, attributing each move to its author (${order} reaches the server)`, () => {
      const { base, ua, ub } = scenario();
      const merged = mergedInOrder(base, order === '竣工 first' ? [ua, ub] : [ub, ua]);
      const p = projectOf(merged);
      expect(p.stage).toBe('operating');
      expect(p.stageDates).toEqual({ started: '2026-11-20', completed: '2026-12-04', operating: '2026-12-05' });
      expect(stageMoves(merged).slice(-2)).toEqual(
        expect.arrayContaining([
          { by: 'alice', from: { stage: 'started', date: '2026-11-20' }, to: { stage: 'completed', date: '2026-12-04' } },
          { by: 'bob', from: { stage: 'started', date: '2026-11-20' }, to: { stage: 'operating', date: '2026-12-05' } },
        ]),
      );
    });
  }

  it('reads a document written before stage dates had their own keys, and merges moves made on it', () => {
    const origin = newProject();
    // the older layout: stage and all its dates in one value
    origin.transact(() => projectSlot(origin).map.set('stage', { stage: 'started', dates: { signed: '2026-09-01', started: '2026-11-20' } }));
    expect(projectOf(origin)).toMatchObject({ stage: 'started', stageDates: { signed: '2026-09-01', started: '2026-11-20' } });
    const base = Y.encodeStateAsUpdate(origin);
    const a = replicaOf(origin);
    const b = replicaOf(origin);
    moveStage(a, 'completed', '2026-12-04', zhang);
    moveStage(b, 'operating', '2026-12-05', li);
    for (const updates of [
      [offlineUpdate(a, base), offlineUpdate(b, base)],
      [offlineUpdate(b, base), offlineUpdate(a, base)],
    ]) {
      expect(projectOf(mergedInOrder(base, updates))).toMatchObject({
        stage: 'operating',
        stageDates: { signed: '2026-09-01', started: '2026-11-20', completed: '2026-12-04', operating: '2026-12-05' },
      });
    }
  });

  it('a move back made offline clears the later dates its author saw, and keeps a later stage someone else reached', () => {
    const origin = newProject();
    moveStage(origin, 'started', '2026-11-20', zhang);
    moveStage(origin, 'completed', '2026-12-01', zhang);
    const base = Y.encodeStateAsUpdate(origin);
    const a = replicaOf(origin);
    const b = replicaOf(origin);
    moveStage(a, 'started', '2026-11-20', zhang); // 竣工 was entered by mistake
    moveStage(b, 'completed', '2026-12-01', li); // unchanged: writes nothing
    const merged = mergedInOrder(base, [offlineUpdate(b, base), offlineUpdate(a, base)]);
    expect(projectOf(merged)).toMatchObject({ stage: 'started', stageDates: { started: '2026-11-20' } });
  });
});

// ── the property: rounds of offline moves on several replicas, merged in every order ─────────────────────────────

const moveArb = fc.record({ stage: fc.nat(STAGES.length - 1), day: fc.integer({ min: 1, max: 28 }) });
const roundArb = fc.array(fc.option(moveArb, { nil: null }), { minLength: 2, maxLength: 3 });
const scenarioArb = fc.record({
  rounds: fc.array(roundArb, { minLength: 1, maxLength: 4 }),
  orders: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
});

/** A permutation of 0..n-1 picked by `pick`. */
function permutation(n: number, pick: number): number[] {
  const rest = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  let p = pick;
  while (rest.length > 0) {
    out.push(rest.splice(p % rest.length, 1)[0] as number);
    p = Math.floor(p / 3) + 1;
  }
  return out;
}

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function runScenario(s: Scenario): void {
  let shared = newProject();
  for (const [r, round] of s.rounds.entries()) {
    const base = Y.encodeStateAsUpdate(shared);
    const before = projectOf(shared).stageDates;
    const replicas = round.map(() => replicaOf(shared));
    const finals: StageDates[] = [];
    const moved: Array<{ by: string; from: Stage; to: Stage } | null> = [];
    round.forEach((move, i) => {
      const doc = replicas[i] as Y.Doc;
      const from = projectOf(doc).stage;
      const author: Author = { memberId: `m${i}`, at: MARCH_1 + r * 1000 + i };
      const stage = STAGES[move?.stage ?? 0] as Stage;
      const ok = move !== null && moveStage(doc, stage, `2026-12-${String(move.day).padStart(2, '0')}`, author).ok;
      moved.push(ok ? { by: author.memberId, from, to: stage } : null);
      finals.push(projectOf(doc).stageDates);
    });
    const updates = replicas.map((d) => offlineUpdate(d, base));
    const merges = s.orders.map((pick) =>
      mergedInOrder(
        base,
        permutation(updates.length, pick).map((i) => updates[i] as Uint8Array),
      ),
    );
    const first = projectOf(merges[0] as Y.Doc);
    for (const m of merges) expect(projectOf(m)).toEqual(first);

    for (const stage of STAGES) {
      // who changed this stage's date offline; nobody: it stays; one: theirs; several: one of theirs
      const writers = finals.filter((f) => f[stage] !== before[stage]).map((f) => f[stage]);
      if (writers.length === 0) expect(first.stageDates[stage], `${stage} untouched`).toBe(before[stage]);
      else if (new Set(writers).size === 1) expect(first.stageDates[stage], `${stage} one writer`).toBe(writers[0]);
      else expect(writers, `${stage} several writers`).toContain(first.stageDates[stage]);
    }
    // the project is at the furthest stage anyone's date survived for
    const dated = STAGES.filter((st) => first.stageDates[st] !== undefined);
    if (dated.length > 0) expect(first.stage).toBe(dated[dated.length - 1]);
    // every move is its author's own entry, from the stage they saw
    const entries = stageMoves(merges[0] as Y.Doc);
    for (const m of moved) {
      if (m === null) continue;
      expect(entries).toContainEqual(
        expect.objectContaining({ by: m.by, from: expect.objectContaining({ stage: m.from }), to: expect.objectContaining({ stage: m.to }) }),
      );
    }
    shared = merges[0] as Y.Doc;
  }
}

describe(`concurrent stage moves across 2–3 replicas (seed ${SEED})`, () => {
  it('every merge order reads the same valid project; every date someone entered survives unless another entry for that stage or a move back replaced it', () => {
    console.info(`stage-merge property seed ${SEED}`);
    fc.assert(
      fc.property(scenarioArb, (s) => runScenario(s)),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });
});

describe('an older document whose stage value is broken', () => {
  it('reads as invalid with the reason, never as a project without dates', () => {
    const doc = newProject();
    doc.transact(() => projectSlot(doc).map.set('stage', { stage: 'started', dates: 'yesterday' }));
    const read = readProjectDoc(doc).project;
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reasons.map((r) => r.path)).toContain('stageDates');
  });
});
