import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { archiveProject, assignLeader, assignOwner, assignTeam, editProject, moveStage, restoreProject } from '../../../shared/model/project-edit';
import { defaultMilestoneDueDates, initProject } from '../../../shared/model/project-init';
import { readProjectDoc } from '../../../shared/model/project-read';
import { toProjectBundle } from '../../../shared/model/bundles';
import { validValues } from '../../../shared/model/result';
import type { ActivityEntry } from '../../../shared/model/activity';
import type { Stage } from '../../../shared/schema/stage';
import { PARK, alice, bob, counterIds, newProject, replicaOf, snapshot, sync } from './fixtures';

const bundleOf = (doc: Y.Doc) => toProjectBundle(readProjectDoc(doc)).bundle;
const lastActivity = (doc: Y.Doc, n = 1): ActivityEntry[] => validValues(readProjectDoc(doc).activity).slice(-n);

describe('initProject', () => {
  it('creates the project with the 前期 checklist scheduled backwards from the planned start', () => {
    const doc = newProject();
    const b = bundleOf(doc);
    expect(b?.project).toMatchObject({
      id: 'p1',
      name: '智能装备产业园',
      stage: 'planning',
      stageDates: {},
      archived: false,
      created: { by: 'alice', at: alice.at },
    });
    // 2026-06-01 minus 90, 75, …, 15 days.
    expect(b?.milestones.map((m) => [m.id, m.title, m.dueDate, m.done])).toEqual([
      ['m-0', '规划选址', '2026-03-03', null],
      ['m-1', '土地预审', '2026-03-18', null],
      ['m-2', '能评', '2026-04-02', null],
      ['m-3', '环评', '2026-04-17', null],
      ['m-4', '安评', '2026-05-02', null],
      ['m-5', '立项', '2026-05-17', null],
    ]);
    expect(lastActivity(doc, 7).map((e) => e.action)).toEqual(['project.create', ...Array(6).fill('milestone.add')]);
  });

  it('titles follow the locale; given due dates win; without a planned start dates run forward from today', () => {
    const doc = new Y.Doc();
    const r = initProject(doc, { id: 'p2', name: 'Road' }, alice, { locale: 'en', newId: counterIds('x'), milestoneDueDates: { approval: '2026-12-01' } });
    expect(r).toEqual({ ok: true, id: 'p2', milestoneIds: ['x-0', 'x-1', 'x-2', 'x-3', 'x-4', 'x-5'] });
    const ms = bundleOf(doc)?.milestones ?? [];
    expect(ms.map((m) => m.title)).toEqual([
      'Site selection',
      'Land pre-review',
      'Energy assessment',
      'Environmental assessment',
      'Safety assessment',
      'Project approval',
    ]);
    expect(ms.map((m) => m.dueDate)).toEqual(['2026-03-16', '2026-03-31', '2026-04-15', '2026-04-30', '2026-05-15', '2026-12-01']);
    expect(defaultMilestoneDueDates(null, '2026-03-01').siteSelection).toBe('2026-03-16');
  });

  it('can start without the checklist', () => {
    const doc = new Y.Doc();
    initProject(doc, { id: 'p3', name: 'x' }, alice, { locale: 'zh-CN', defaultMilestones: false });
    expect(bundleOf(doc)?.milestones).toEqual([]);
  });

  it('refuses negative money, end before start and an unknown stage, writing nothing', () => {
    const cases = [
      [{ totalInvestmentWan: -5 }, 'totalInvestmentWan', 'err.money.negative'],
      [{ plannedStart: '2026-05-01', plannedCompletion: '2026-04-01' }, 'plannedCompletion', 'err.dates.endBeforeStart'],
      [{ stage: 'dreaming' as Stage }, 'stage', 'err.stage.unknown'],
      [{ annualPlanWan: 60_000 }, 'annualPlanWan', 'err.project.annualPlanExceedsTotal'],
    ] as const;
    for (const [patch, path, key] of cases) {
      const doc = new Y.Doc();
      const r = initProject(doc, { ...PARK, ...patch }, alice, { locale: 'zh-CN' });
      expect(r.ok, key).toBe(false);
      if (!r.ok) expect(r.errors).toContainEqual({ path, key, params: {} });
      expect(snapshot(doc)).toEqual(snapshot(new Y.Doc()));
    }
  });

  it('refuses a second init and an author without a valid id', () => {
    const doc = newProject();
    expect(initProject(doc, PARK, alice, { locale: 'zh-CN' }).ok).toBe(false);
    const fresh = new Y.Doc();
    const r = initProject(fresh, PARK, { memberId: '', at: 1 }, { locale: 'zh-CN' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path: 'by', key: 'err.id.required', params: {} });
    expect(snapshot(fresh)).toEqual(snapshot(new Y.Doc()));
  });

  it('mutations on a document with no project are refused', () => {
    expect(editProject(new Y.Doc(), { name: 'x' }, alice)).toEqual({ ok: false, errors: [{ path: '', key: 'err.model.notInitialized', params: {} }] });
  });
});

describe('editProject', () => {
  it('edits fields, records updated and one activity entry per changed field', () => {
    const doc = newProject();
    expect(editProject(doc, { name: '智能装备产业园（一期）', plan: '一个方案', code: 'XM-001' }, bob)).toEqual({ ok: true });
    expect(bundleOf(doc)?.project).toMatchObject({ name: '智能装备产业园（一期）', plan: '一个方案', updated: { by: 'bob', at: bob.at } });
    expect(lastActivity(doc, 2)).toEqual([
      {
        by: 'bob',
        at: bob.at,
        action: 'project.edit',
        record: { kind: 'project', id: 'p1' },
        field: 'name',
        from: '智能装备产业园',
        to: '智能装备产业园（一期）',
      },
      { by: 'bob', at: bob.at, action: 'project.edit', record: { kind: 'project', id: 'p1' }, field: 'plan', from: '', to: '一个方案' },
    ]);
  });

  it('refuses negative money and end before start, leaving the document unchanged', () => {
    const doc = newProject();
    const before = snapshot(doc);
    expect(editProject(doc, { annualPlanWan: -1 }, bob)).toEqual({ ok: false, errors: [{ path: 'annualPlanWan', key: 'err.money.negative', params: {} }] });
    expect(editProject(doc, { plannedCompletion: '2026-01-01' }, bob)).toEqual({
      ok: false,
      errors: [{ path: 'plannedCompletion', key: 'err.dates.endBeforeStart', params: {} }],
    });
    expect(editProject(doc, { totalInvestmentWan: 100 }, bob)).toEqual({
      ok: false,
      errors: [{ path: 'annualPlanWan', key: 'err.project.annualPlanExceedsTotal', params: {} }],
    });
    expect(snapshot(doc)).toEqual(before);
  });

  it('ignores fields that are not directly editable (stage goes through moveStage)', () => {
    const doc = newProject();
    // @ts-expect-error stage is not part of ProjectEdit
    expect(editProject(doc, { stage: 'started', name: '新名' }, bob).ok).toBe(true);
    expect(bundleOf(doc)?.project.stage).toBe('planning');
    expect(bundleOf(doc)?.project.name).toBe('新名');
  });

  it('an unchanged value writes nothing', () => {
    const doc = newProject();
    const before = snapshot(doc);
    expect(editProject(doc, { name: PARK.name }, bob).ok).toBe(true);
    expect(snapshot(doc)).toEqual(before);
  });

  it('owner, leader and team assignment', () => {
    const doc = newProject();
    assignOwner(doc, 'bob', alice);
    assignLeader(doc, null, alice);
    assignTeam(doc, ['carol', 'dave'], alice);
    expect(bundleOf(doc)?.project).toMatchObject({ ownerId: 'bob', leaderId: null, team: ['carol', 'dave'] });
  });

  it('two people editing different fields offline both keep their work; the same field settles the same way', () => {
    const a = newProject();
    const b = replicaOf(a);
    editProject(a, { content: '厂房 10 万平方米', totalInvestmentWan: 60_000 }, alice);
    editProject(b, { plan: '分两期建设', totalInvestmentWan: 55_000 }, bob);
    sync(a, b);
    const pa = bundleOf(a)?.project;
    expect(pa).toMatchObject({ content: '厂房 10 万平方米', plan: '分两期建设' });
    expect([55_000, 60_000]).toContain(pa?.totalInvestmentWan);
    expect(readProjectDoc(b)).toEqual(readProjectDoc(a));
  });

  it('planned start and completion stay ordered when edited concurrently', () => {
    const a = newProject();
    const b = replicaOf(a);
    editProject(a, { plannedStart: '2027-06-01', plannedCompletion: '2028-06-01' }, alice);
    editProject(b, { plannedCompletion: '2027-01-01' }, bob);
    sync(a, b);
    expect(readProjectDoc(a).project.ok).toBe(true);
  });
});

describe('moveStage', () => {
  it('moves forward keeping earlier dates, and back clearing later ones', () => {
    const doc = newProject();
    expect(moveStage(doc, 'signed', '2026-01-10', alice).ok).toBe(true);
    expect(moveStage(doc, 'started', '2026-03-05', alice).ok).toBe(true);
    expect(bundleOf(doc)?.project).toMatchObject({ stage: 'started', stageDates: { signed: '2026-01-10', started: '2026-03-05' } });
    expect(moveStage(doc, 'preparation', '2026-02-01', bob).ok).toBe(true);
    expect(bundleOf(doc)?.project).toMatchObject({ stage: 'preparation', stageDates: { signed: '2026-01-10', preparation: '2026-02-01' } });
    expect(lastActivity(doc)).toEqual([
      {
        by: 'bob',
        at: bob.at,
        action: 'project.stage',
        record: { kind: 'project', id: 'p1' },
        field: 'stage',
        from: { stage: 'started', date: '2026-03-05' },
        to: { stage: 'preparation', date: '2026-02-01' },
      },
    ]);
  });

  it('refuses an unknown stage, a bad date and a date before the previous stage', () => {
    const doc = newProject();
    moveStage(doc, 'signed', '2026-01-10', alice);
    const before = snapshot(doc);
    expect(moveStage(doc, 'begun' as Stage, '2026-03-01', alice)).toEqual({ ok: false, errors: [{ path: 'stage', key: 'err.stage.unknown', params: {} }] });
    expect(moveStage(doc, 'started', '2026-02-30', alice)).toEqual({ ok: false, errors: [{ path: 'date', key: 'err.date.invalid', params: {} }] });
    const r = moveStage(doc, 'started', '2026-01-01', alice);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'stageDates.started', key: 'err.stage.dateOrder' });
    expect(snapshot(doc)).toEqual(before);
  });

  it('two concurrent stage moves both keep their date; the project is at the furthest', () => {
    const a = newProject();
    const b = replicaOf(a);
    moveStage(a, 'signed', '2026-02-01', alice);
    moveStage(b, 'started', '2026-03-01', bob);
    sync(a, b);
    expect(bundleOf(a)?.project).toMatchObject({ stage: 'started', stageDates: { signed: '2026-02-01', started: '2026-03-01' } });
    expect(bundleOf(b)?.project).toEqual(bundleOf(a)?.project);
  });
});

describe('archiving', () => {
  it('archive and restore the project; an edit made meanwhile survives', () => {
    const a = newProject();
    const b = replicaOf(a);
    expect(archiveProject(a, alice).ok).toBe(true);
    editProject(b, { progressNote: '主体封顶' }, bob);
    sync(a, b);
    expect(bundleOf(a)?.project).toMatchObject({ archived: true, progressNote: '主体封顶' });
    expect(restoreProject(a, alice).ok).toBe(true);
    expect(bundleOf(a)?.project.archived).toBe(false);
    expect(lastActivity(a).map((e) => e.action)).toEqual(['project.restore']);
  });
});
