import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMember, addTarget, addUnit, registerProject, updateCampaign } from '../../../shared/model/workspace-write';
import { addProblem } from '../../../shared/model/project-problems';
import { editProject } from '../../../shared/model/project-edit';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readSummary, writeSummaryRow } from '../../../shared/model/summary';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { tickMilestone } from '../../../shared/model/project-milestones';
import type { RecordRead } from '../../../shared/model/result';
import type { SummaryRow } from '../../../shared/schema/summary';
import { alice, newProject, newWorkspace } from './fixtures';

/** The seed of the garbage; it is in every test name and failure message. */
const SEED = 4242;

const REMOTE = { source: 'remote' } as const;

interface Garbage {
  label: string;
  make: (gen: prng.PRNG) => unknown;
  /** True when no field of any schema accepts it, so the record must read as invalid. */
  alwaysInvalid: boolean;
}

const randomText = (gen: prng.PRNG, len: number) => prng.utf16String(gen, len);

const GARBAGE: Garbage[] = [
  {
    label: 'nested Y.Map',
    make: () => {
      const m = new Y.Map<unknown>();
      m.set('stage', 'started');
      return m;
    },
    alwaysInvalid: true,
  },
  { label: 'nested Y.Array', make: () => Y.Array.from([1, 2, 3]), alwaysInvalid: true },
  { label: 'nested Y.Text', make: (gen) => new Y.Text(randomText(gen, 8)), alwaysInvalid: true },
  { label: 'bytes', make: (gen) => prng.uint8Array(gen, 16), alwaysInvalid: true },
  { label: 'NaN', make: () => NaN, alwaysInvalid: true },
  { label: 'Infinity', make: () => Infinity, alwaysInvalid: true },
  { label: 'huge string', make: (gen) => prng.word(gen, 1, 1).repeat(30_001), alwaysInvalid: true },
  { label: 'mixed array', make: (gen) => [prng.int32(gen, -9, 9), randomText(gen, 3), { x: null }], alwaysInvalid: true },
  { label: 'object with unknown keys', make: (gen) => ({ [`k${prng.uint32(gen, 0, 99)}`]: randomText(gen, 4) }), alwaysInvalid: true },
  {
    label: 'deeply nested arrays',
    make: () => {
      let v: unknown = 1;
      for (let i = 0; i < 200; i++) v = [v];
      return v;
    },
    alwaysInvalid: true,
  },
  { label: '__proto__ object', make: () => JSON.parse('{"__proto__": {"polluted": true}, "stage": {}}') as unknown, alwaysInvalid: true },
  { label: 'null', make: () => null, alwaysInvalid: false },
  { label: 'boolean', make: (gen) => prng.bool(gen), alwaysInvalid: false },
  { label: 'number', make: (gen) => prng.real53(gen) * 1e12 - 5e11, alwaysInvalid: false },
  { label: 'short string', make: (gen) => randomText(gen, 5), alwaysInvalid: false },
  { label: 'empty object', make: () => ({}), alwaysInvalid: false },
  { label: 'undefined', make: () => undefined, alwaysInvalid: false },
];

type Reads = Map<string, RecordRead<unknown>>;

const idOf = (r: RecordRead<unknown>, field: string): string => {
  if (!r.ok) return r.id;
  const v = r.value;
  return v && typeof v === 'object' && field in v ? String((v as Record<string, unknown>)[field]) : '?';
};

function collect(out: Reads, collection: string, reads: readonly RecordRead<unknown>[], field: string): void {
  for (const r of reads) out.set(`${collection}:${idOf(r, field)}`, r);
}

function workspaceReads(doc: Y.Doc): Reads {
  const r = readWorkspace(doc);
  const out: Reads = new Map<string, RecordRead<unknown>>([
    ['meta:', r.meta],
    ['campaign:', r.campaign],
  ]);
  collect(out, 'units', r.units, 'id');
  collect(out, 'members', r.members, 'id');
  collect(out, 'targets', r.targets, 'id');
  collect(out, 'registry', r.registry, 'id');
  return out;
}

function projectReads(doc: Y.Doc): Reads {
  const r = readProjectDoc(doc);
  const out: Reads = new Map<string, RecordRead<unknown>>([['project:', r.project]]);
  collect(out, 'milestones', r.milestones, 'id');
  collect(out, 'problems', r.problems, 'id');
  collect(out, 'reports', r.reports, 'month');
  for (const [i, a] of r.activity.entries()) out.set(`activity:${i}`, a);
  return out;
}

function summaryReads(doc: Y.Doc): Reads {
  const r = readSummary(doc);
  const out: Reads = new Map();
  collect(out, 'rows', r.rows, 'projectId');
  return out;
}

const SINGLE_MAPS = new Set(['meta', 'campaign', 'project']);

/** The read key of the record a stored key belongs to. */
function recordOf(mapName: string, key: string): string {
  if (SINGLE_MAPS.has(mapName)) return `${mapName}:`;
  if (mapName === 'rows') return `${mapName}:${key}`;
  const slash = key.indexOf('/');
  return `${mapName}:${slash < 0 ? key : key.slice(0, slash)}`;
}

function referenceWorkspace(): Y.Doc {
  const doc = newWorkspace();
  updateCampaign(doc, { windows: [{ id: 'bd', name: '百日会战', start: '2026-03-01', end: '2026-06-08' }] }, alice);
  addUnit(doc, { id: 'u1', name: '发改委', kind: 'department', headId: 'boss' }, alice);
  addUnit(doc, { id: 'u2', name: '某县', kind: 'county' }, alice);
  addMember(doc, { id: 'alice', name: '李明', rank: 'section', role: 'member', unitId: 'u1' }, alice);
  addTarget(
    doc,
    {
      id: 't1',
      title: '全年引进项目',
      scope: { kind: 'workspace' },
      start: '2026-01-01',
      end: '2026-12-31',
      goal: 200,
      metric: { kind: 'stageCount', stage: 'signed', filter: {} },
    },
    alice,
  );
  registerProject(doc, { id: 'p1', name: '产业园', ownerId: 'alice', team: ['bob'] }, alice);
  return doc;
}

function referenceProject(): Y.Doc {
  const doc = newProject();
  tickMilestone(doc, 'm-0', true, alice);
  addProblem(doc, { id: 'q1', description: '用地指标', deadline: '2026-04-01' }, alice);
  fileMonthlyReport(doc, { month: '2026-01', completedWan: 800, progress: '打桩', issues: '' }, alice);
  editProject(doc, { plan: '一个方案' }, alice);
  return doc;
}

function referenceSummary(): Y.Doc {
  const doc = new Y.Doc();
  const row: SummaryRow = {
    projectId: 'p1',
    code: '',
    name: '产业园',
    category: 'industry',
    kind: 'new',
    source: 'attracted',
    keyLevel: 'city',
    unitId: null,
    serviceUnitId: null,
    countyId: null,
    leaderId: null,
    ownerId: null,
    team: [],
    attractedById: null,
    totalInvestmentWan: 1,
    annualPlanWan: 1,
    plannedStart: null,
    plannedCompletion: null,
    stage: 'planning',
    stageDates: {},
    completedByMonth: {},
    cumulativeWan: 0,
    lastReportMonth: null,
    progress: '',
    milestones: [],
    problems: [],
    invalidRecords: 0,
    archived: false,
    updatedAt: 1,
  };
  writeSummaryRow(doc, row);
  writeSummaryRow(doc, { ...row, projectId: 'p2' });
  return doc;
}

const KINDS = [
  { kind: 'workspace', make: referenceWorkspace, reads: workspaceReads },
  { kind: 'project', make: referenceProject, reads: projectReads },
  { kind: 'summary', make: referenceSummary, reads: summaryReads },
] as const;

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc), REMOTE);
  return out;
}

/** Every (map, key) a document holds. */
function storedKeys(doc: Y.Doc): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of doc.share.keys()) {
    if (name === 'activity') continue;
    for (const key of doc.getMap(name).keys()) out.push([name, key]);
  }
  return out;
}

describe(`a misbehaving peer writes garbage with the raw Yjs API (seed ${SEED})`, () => {
  for (const { kind, make, reads } of KINDS) {
    it(`${kind} document: every field, garbage of each kind, reads never throw and only the touched record turns invalid`, () => {
      const gen = prng.create(SEED);
      const reference = make();
      const before = reads(reference);
      expect(
        [...before.values()].every((r) => r.ok),
        'reference is valid',
      ).toBe(true);
      let cases = 0;
      for (const [mapName, key] of storedKeys(reference)) {
        // Three garbage kinds per key, one of which never validates anywhere.
        const picks = [
          GARBAGE.filter((g) => g.alwaysInvalid)[prng.uint32(gen, 0, 10)]!,
          GARBAGE[prng.uint32(gen, 0, GARBAGE.length - 1)]!,
          GARBAGE[prng.uint32(gen, 0, GARBAGE.length - 1)]!,
        ];
        for (const garbage of picks) {
          const context = `seed ${SEED}: ${kind} ${mapName}[${key}] ← ${garbage.label}`;
          const doc = copy(reference);
          doc.transact(() => doc.getMap(mapName).set(key, garbage.make(gen)), REMOTE);
          const after = reads(doc);
          const touched = recordOf(mapName, key);
          for (const [id, read] of before) if (id !== touched) expect(after.get(id), `${context}: ${id} untouched`).toEqual(read);
          const hit = after.get(touched);
          if (garbage.alwaysInvalid) {
            expect(hit?.ok, context).toBe(false);
            if (hit && !hit.ok) expect(hit.reasons.length, context).toBeGreaterThan(0);
          }
          // The same garbage arriving at another replica reads the same way.
          expect(reads(copy(doc)), context).toEqual(after);
          cases++;
        }
      }
      expect(cases).toBeGreaterThan(kind === 'summary' ? 5 : 30);
    });
  }

  it('keys with no "/", records nobody created and unknown fields', () => {
    const doc = copy(referenceWorkspace());
    doc.transact(() => {
      doc.getMap('units').set('no-slash', { name: 'x' });
      doc.getMap('units').set('ghost/name', '幽灵单位');
      doc.getMap('units').set('u1/favouriteColour', new Y.Map());
      doc.getMap('members').set('bad id!/name', '张三');
    }, REMOTE);
    const read = readWorkspace(doc);
    expect(read.units.find((u) => !u.ok && u.id === 'no-slash')).toEqual({
      ok: false,
      id: 'no-slash',
      reasons: [{ path: '', key: 'err.model.malformedKey', params: {} }],
      raw: { name: 'x' },
    });
    const ghost = read.units.find((u) => !u.ok && u.id === 'ghost');
    expect(ghost && !ghost.ok && ghost.reasons.map((r) => r.path)).toEqual(expect.arrayContaining(['kind', 'headId', 'archived']));
    // A field this version does not know is ignored (a newer version may have written it): u1 stays readable.
    expect(read.units.find((u) => u.ok && u.value.id === 'u1')).toBeDefined();
    const bad = read.members.find((m) => !m.ok && m.id === 'bad id!');
    expect(bad && !bad.ok && bad.reasons[0]).toMatchObject({ path: 'id', key: 'err.id.format' });
  });

  it('garbage in the activity stream turns only those entries invalid', () => {
    const doc = copy(referenceProject());
    const valid = readProjectDoc(doc).activity.length;
    doc.transact(() => doc.getArray('activity').push([42, { by: 'x', at: -1, action: 'hack', record: null }, new Y.Map(), 'text']), REMOTE);
    const activity = readProjectDoc(doc).activity;
    expect(activity.slice(0, valid).every((a) => a.ok)).toBe(true);
    expect(activity.slice(valid).map((a) => (a.ok ? 'ok' : a.reasons[0]?.key))).toEqual(['err.type', 'err.time.invalid', 'err.model.nestedType', 'err.type']);
  });

  it('mutations on a record a peer broke are refused with reasons, never thrown', () => {
    const doc = copy(referenceProject());
    doc.transact(() => {
      doc.getMap('project').set('investment', new Y.Text('garbage'));
      doc.getMap('milestones').set('m-1/done', NaN);
    }, REMOTE);
    const edit = editProject(doc, { plan: '新方案' }, alice);
    expect(edit.ok).toBe(false);
    // Writing a valid value over the broken one repairs the record.
    expect(editProject(doc, { totalInvestmentWan: 100, annualPlanWan: 50 }, alice).ok).toBe(true);
    expect(readProjectDoc(doc).project.ok).toBe(true);
    expect(tickMilestone(doc, 'm-1', true, alice).ok).toBe(true);
    expect(readProjectDoc(doc).milestones.every((m) => m.ok)).toBe(true);
  });
});
