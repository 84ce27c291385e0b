import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMilestone, archiveMilestone, editMilestone, restoreMilestone, tickMilestone } from '../../../shared/model/project-milestones';
import {
  addProblem,
  archiveProblem,
  editProblem,
  escalateProblem,
  reopenProblem,
  resolveProblem,
  restoreProblem,
  setProblemStatus,
} from '../../../shared/model/project-problems';
import { readProjectDoc } from '../../../shared/model/project-read';
import { toProjectBundle } from '../../../shared/model/bundles';
import { validValues } from '../../../shared/model/result';
import type { EscalationLevel } from '../../../shared/schema/problem';
import { alice, bob, newProject, replicaOf, snapshot, sync } from './fixtures';

const bundleOf = (doc: Y.Doc) => toProjectBundle(readProjectDoc(doc)).bundle;
const milestone = (doc: Y.Doc, id: string) => bundleOf(doc)?.milestones.find((m) => m.id === id);
const problem = (doc: Y.Doc, id: string) => bundleOf(doc)?.problems.find((p) => p.id === id);
const actions = (doc: Y.Doc, n: number) =>
  validValues(readProjectDoc(doc).activity)
    .slice(-n)
    .map((e) => e.action);

describe('milestones', () => {
  it('adds after the last one, edits, archives and restores', () => {
    const doc = newProject();
    expect(addMilestone(doc, { id: 'pile', title: '桩基完工', dueDate: '2026-08-01' }, bob)).toEqual({ ok: true, id: 'pile' });
    expect(milestone(doc, 'pile')).toEqual({
      id: 'pile',
      title: '桩基完工',
      dueDate: '2026-08-01',
      order: 6,
      done: null,
      archived: false,
      created: { by: 'bob', at: bob.at },
    });
    expect(editMilestone(doc, 'pile', { dueDate: '2026-09-01' }, alice).ok).toBe(true);
    expect(archiveMilestone(doc, 'pile', alice).ok).toBe(true);
    expect(milestone(doc, 'pile')).toMatchObject({ dueDate: '2026-09-01', archived: true });
    expect(restoreMilestone(doc, 'pile', alice).ok).toBe(true);
    expect(milestone(doc, 'pile')?.archived).toBe(false);
    expect(actions(doc, 4)).toEqual(['milestone.add', 'milestone.edit', 'milestone.archive', 'milestone.restore']);
  });

  it('refuses a bad due date and an unknown milestone, writing nothing', () => {
    const doc = newProject();
    const before = snapshot(doc);
    expect(addMilestone(doc, { id: 'x', title: 'x', dueDate: '2026-13-01' }, bob)).toEqual({
      ok: false,
      errors: [{ path: 'dueDate', key: 'err.date.invalid', params: {} }],
    });
    expect(editMilestone(doc, 'nope', { title: 'y' }, bob)).toEqual({ ok: false, errors: [{ path: 'id', key: 'err.model.notFound', params: {} }] });
    expect(tickMilestone(doc, 'nope', true, bob).ok).toBe(false);
    expect(snapshot(doc)).toEqual(before);
  });

  it('tick records who and when; ticking again keeps the first ticker; untick clears it', () => {
    const doc = newProject();
    expect(tickMilestone(doc, 'm-0', true, alice).ok).toBe(true);
    expect(tickMilestone(doc, 'm-0', true, bob).ok).toBe(true);
    expect(milestone(doc, 'm-0')?.done).toEqual({ by: 'alice', at: alice.at });
    expect(tickMilestone(doc, 'm-0', false, bob).ok).toBe(true);
    expect(milestone(doc, 'm-0')?.done).toBeNull();
    const entries = validValues(readProjectDoc(doc).activity).slice(-2);
    expect(entries).toEqual([
      {
        by: 'alice',
        at: alice.at,
        action: 'milestone.tick',
        record: { kind: 'milestone', id: 'm-0' },
        field: 'done',
        from: null,
        to: { by: 'alice', at: alice.at },
      },
      {
        by: 'bob',
        at: bob.at,
        action: 'milestone.untick',
        record: { kind: 'milestone', id: 'm-0' },
        field: 'done',
        from: { by: 'alice', at: alice.at },
        to: null,
      },
    ]);
  });

  it('two people ticking at once: done, attributed to one of them, the same everywhere', () => {
    const a = newProject();
    const b = replicaOf(a);
    tickMilestone(a, 'm-1', true, alice);
    tickMilestone(b, 'm-1', true, bob);
    sync(a, b);
    const done = milestone(a, 'm-1')?.done;
    expect([JSON.stringify({ by: 'alice', at: alice.at }), JSON.stringify({ by: 'bob', at: bob.at })]).toContain(JSON.stringify(done));
    expect(milestone(b, 'm-1')?.done).toEqual(done);
  });

  it('a tick made while someone else archives the milestone survives', () => {
    const a = newProject();
    const b = replicaOf(a);
    archiveMilestone(a, 'm-2', alice);
    tickMilestone(b, 'm-2', true, bob);
    sync(a, b);
    expect(milestone(a, 'm-2')).toMatchObject({ archived: true, done: { by: 'bob', at: bob.at } });
  });
});

describe('problems (问题清单, closed loop)', () => {
  const input = { id: 'land', description: '用地指标未落实', departmentId: 'natres', ownerId: 'zhao', deadline: '2026-04-01' };

  it('adds an open, assigned problem raised by the author', () => {
    const doc = newProject();
    expect(addProblem(doc, input, bob)).toEqual({ ok: true, id: 'land' });
    expect(problem(doc, 'land')).toEqual({
      ...input,
      raised: { by: 'bob', at: bob.at },
      status: 'open',
      escalation: 'assigned',
      resolution: null,
      request: null,
      returned: null,
      progress: null,
      notes: '',
      archived: false,
    });
  });

  it('refuses an empty description and a bad deadline', () => {
    const doc = newProject();
    const before = snapshot(doc);
    expect(addProblem(doc, { ...input, description: ' ' }, bob)).toEqual({
      ok: false,
      errors: [{ path: 'description', key: 'err.text.required', params: {} }],
    });
    const late = addProblem(doc, { ...input, deadline: 'soon' }, bob);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.errors).toContainEqual({ path: 'deadline', key: 'err.date.format', params: {} });
    expect(snapshot(doc)).toEqual(before);
  });

  it('status, escalation, 销号 and reopening', () => {
    const doc = newProject();
    addProblem(doc, input, bob);
    expect(editProblem(doc, 'land', { notes: '已对接自然资源局' }, bob).ok).toBe(true);
    expect(setProblemStatus(doc, 'land', 'inProgress', bob).ok).toBe(true);
    expect(escalateProblem(doc, 'land', 'supervised', alice).ok).toBe(true);
    expect(escalateProblem(doc, 'land', 'shouted' as EscalationLevel, alice)).toEqual({
      ok: false,
      errors: [{ path: 'escalation', key: 'err.problem.escalation', params: {} }],
    });
    expect(resolveProblem(doc, 'land', '  ', alice).ok).toBe(false);
    expect(resolveProblem(doc, 'land', '指标已下达，见批复文件', alice).ok).toBe(true);
    expect(problem(doc, 'land')).toMatchObject({
      status: 'resolved',
      escalation: 'supervised',
      notes: '已对接自然资源局',
      resolution: { by: 'alice', at: alice.at, evidence: '指标已下达，见批复文件' },
    });
    expect(resolveProblem(doc, 'land', '再次', alice)).toEqual({
      ok: false,
      errors: [{ path: 'status', key: 'err.model.problem.alreadyResolved', params: {} }],
    });
    expect(setProblemStatus(doc, 'land', 'open', bob)).toEqual({
      ok: false,
      errors: [{ path: 'status', key: 'err.model.problem.alreadyResolved', params: {} }],
    });
    expect(reopenProblem(doc, 'land', bob).ok).toBe(true);
    expect(problem(doc, 'land')).toMatchObject({ status: 'open', resolution: null });
    expect(reopenProblem(doc, 'land', bob)).toEqual({ ok: false, errors: [{ path: 'status', key: 'err.model.problem.notResolved', params: {} }] });
    expect(archiveProblem(doc, 'land', bob).ok).toBe(true);
    expect(restoreProblem(doc, 'land', bob).ok).toBe(true);
    expect(actions(doc, 3)).toEqual(['problem.reopen', 'problem.archive', 'problem.restore']);
  });

  it('status and resolution merge as one value: a concurrent 销号 and status change never leave a half-closed problem', () => {
    const a = newProject();
    addProblem(a, input, bob);
    const b = replicaOf(a);
    resolveProblem(a, 'land', '已解决', alice);
    setProblemStatus(b, 'land', 'inProgress', bob);
    sync(a, b);
    const read = readProjectDoc(a).problems;
    expect(read.every((r) => r.ok)).toBe(true);
    expect(readProjectDoc(b).problems).toEqual(read);
  });
});
