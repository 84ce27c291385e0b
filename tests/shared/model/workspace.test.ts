import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  addTarget,
  addUnit,
  archiveMember,
  archiveRegistryEntry,
  archiveTarget,
  archiveUnit,
  assignProject,
  initWorkspace,
  registerProject,
  restoreUnit,
  updateCampaign,
  updateMember,
  updateRegistryEntry,
  updateTarget,
  updateUnit,
  type TargetInput,
} from '../../../shared/model/workspace-write';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toWorkspaceData } from '../../../shared/model/bundles';
import { defaultCampaign } from '../../../shared/schema/campaign';
import { alice, bob, counterIds, newWorkspace, replicaOf, snapshot, sync } from './fixtures';

const START_TARGET: TargetInput = {
  id: 't1',
  title: '一季度开工 120 个',
  scope: { kind: 'workspace' },
  start: '2026-01-01',
  end: '2026-03-31',
  goal: 120,
  metric: { kind: 'stageCount', stage: 'started', filter: {} },
};

describe('workspace document', () => {
  it('an empty document reads as not set up, without throwing', () => {
    const read = readWorkspace(new Y.Doc());
    expect(read.meta.ok).toBe(false);
    expect(read.campaign.ok).toBe(false);
    expect(read.units).toEqual([]);
    expect(toWorkspaceData(read).data).toBeNull();
  });

  it('initWorkspace writes identity and campaign, once', () => {
    const doc = newWorkspace();
    const data = toWorkspaceData(readWorkspace(doc)).data;
    expect(data?.id).toBe('ws1');
    expect(data?.campaign.year).toBe(2026);
    expect(data?.campaign.reportDueDay).toBe(5);
    const again = initWorkspace(doc, { id: 'ws2', name: 'x', campaign: defaultCampaign(2027) }, alice);
    expect(again.ok).toBe(false);
    expect(toWorkspaceData(readWorkspace(doc)).data?.id).toBe('ws1');
  });

  it('refuses a campaign that does not validate, writing nothing', () => {
    const doc = new Y.Doc();
    const r = initWorkspace(doc, { id: 'ws1', name: 'x', campaign: { ...defaultCampaign(2026), reportDueDay: 31 } }, alice);
    expect(r).toEqual({ ok: false, errors: [{ path: 'campaign.reportDueDay', key: 'err.campaign.reportDueDay', params: {} }] });
    expect(snapshot(doc)).toEqual(snapshot(new Y.Doc()));
  });

  it('two people changing different campaign settings offline both keep theirs', () => {
    const a = newWorkspace();
    const b = replicaOf(a);
    expect(updateCampaign(a, { reportDueDay: 10 }, alice).ok).toBe(true);
    expect(updateCampaign(b, { lights: { yellowBehindPoints: 2, redBehindPoints: 8, dueSoonDays: 7 } }, bob).ok).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      const c = toWorkspaceData(readWorkspace(doc)).data?.campaign;
      expect(c?.reportDueDay).toBe(10);
      expect(c?.lights.redBehindPoints).toBe(8);
    }
  });

  it('a window outside the campaign year is refused; moving the year with its windows is accepted', () => {
    const doc = newWorkspace();
    const window = { id: 'bd1', name: '百日会战', start: '2027-03-01', end: '2027-06-08' };
    const before = snapshot(doc);
    const r = updateCampaign(doc, { windows: [window] }, alice);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.key).toBe('err.campaign.windowOutsideYear');
    expect(snapshot(doc)).toEqual(before);
    expect(updateCampaign(doc, { year: 2027, windows: [window] }, alice).ok).toBe(true);
    expect(toWorkspaceData(readWorkspace(doc)).data?.campaign.windows).toEqual([window]);
  });

  it('units: add, update, archive and restore', () => {
    const doc = newWorkspace();
    const added = addUnit(doc, { name: '  发改委 ', kind: 'department' }, alice, { newId: counterIds('u') });
    expect(added).toEqual({ ok: true, id: 'u-0' });
    expect(updateUnit(doc, 'u-0', { headId: 'boss' }, alice).ok).toBe(true);
    expect(archiveUnit(doc, 'u-0', alice).ok).toBe(true);
    expect(readWorkspace(doc).units).toEqual([{ ok: true, value: { id: 'u-0', name: '发改委', kind: 'department', headId: 'boss', archived: true } }]);
    expect(restoreUnit(doc, 'u-0', alice).ok).toBe(true);
    expect(toWorkspaceData(readWorkspace(doc)).data?.units[0]?.archived).toBe(false);
    expect(updateUnit(doc, 'nope', { name: 'x' }, alice)).toEqual({ ok: false, errors: [{ path: 'id', key: 'err.model.notFound', params: {} }] });
    const bad = updateUnit(doc, 'u-0', { name: '   ' }, alice);
    expect(bad).toEqual({ ok: false, errors: [{ path: 'name', key: 'err.text.required', params: {} }] });
  });

  it('members: add with a bad rank is refused; update and archive work', () => {
    const doc = newWorkspace();
    const before = snapshot(doc);
    // @ts-expect-error a rank that does not exist, as an older client might send
    const bad = addMember(doc, { id: 'x', name: '张三', rank: 'general', role: 'member' }, alice);
    expect(bad.ok).toBe(false);
    expect(snapshot(doc)).toEqual(before);
    expect(addMember(doc, { id: 'zhang', name: '张三', rank: 'section', role: 'member', unitId: 'u1' }, alice).ok).toBe(true);
    expect(updateMember(doc, 'zhang', { rank: 'deputyDivision' }, alice).ok).toBe(true);
    expect(archiveMember(doc, 'zhang', alice).ok).toBe(true);
    expect(toWorkspaceData(readWorkspace(doc)).data?.members).toEqual([
      { id: 'zhang', name: '张三', rank: 'deputyDivision', unitId: 'u1', role: 'member', archived: true },
    ]);
  });

  it('targets: period end before start is refused; the period moves as one value', () => {
    const doc = newWorkspace();
    expect(addTarget(doc, { ...START_TARGET, end: '2025-12-31' }, alice)).toEqual({
      ok: false,
      errors: [{ path: 'end', key: 'err.dates.endBeforeStart', params: {} }],
    });
    expect(addTarget(doc, START_TARGET, alice)).toEqual({ ok: true, id: 't1' });
    expect(updateTarget(doc, 't1', { end: '2026-06-30', goal: 240 }, bob).ok).toBe(true);
    expect(updateTarget(doc, 't1', { goal: -1 }, bob).ok).toBe(false);
    expect(archiveTarget(doc, 't1', bob).ok).toBe(true);
    const t = toWorkspaceData(readWorkspace(doc)).data?.targets[0];
    expect(t).toMatchObject({ start: '2026-01-01', end: '2026-06-30', goal: 240, archived: true, created: { by: 'alice', at: alice.at } });
  });

  it('registry: register, assign, update and archive', () => {
    const doc = newWorkspace();
    expect(registerProject(doc, { id: 'p1', name: '产业园', ownerId: 'alice' }, alice).ok).toBe(true);
    expect(registerProject(doc, { id: 'p1', name: '又一个', ownerId: 'bob' }, bob).ok).toBe(false);
    expect(assignProject(doc, 'p1', { leaderId: 'lee', team: ['bob', 'carol'] }, alice).ok).toBe(true);
    expect(updateRegistryEntry(doc, 'p1', { unitId: 'u1' }, alice).ok).toBe(true);
    expect(archiveRegistryEntry(doc, 'p1', alice).ok).toBe(true);
    expect(toWorkspaceData(readWorkspace(doc)).data?.registry).toEqual([
      { id: 'p1', name: '产业园', unitId: 'u1', ownerId: 'alice', leaderId: 'lee', team: ['bob', 'carol'], archived: true },
    ]);
    expect(assignProject(doc, 'p1', { team: ['bad id!'] }, alice).ok).toBe(false);
  });

  it('every write is one transaction with a local origin naming the author', () => {
    const doc = newWorkspace();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    addUnit(doc, { id: 'u1', name: '发改委', kind: 'department' }, bob);
    expect(origins).toEqual([{ source: 'local', memberId: 'bob', at: bob.at }]);
  });

  it('an edit made while someone else archives the unit survives', () => {
    const a = newWorkspace();
    addUnit(a, { id: 'u1', name: '发改委', kind: 'department' }, alice);
    const b = replicaOf(a);
    archiveUnit(a, 'u1', alice);
    updateUnit(b, 'u1', { name: '发展改革委' }, bob);
    sync(a, b);
    expect(readWorkspace(a).units).toEqual([{ ok: true, value: { id: 'u1', name: '发展改革委', kind: 'department', headId: null, archived: true } }]);
    expect(readWorkspace(b)).toEqual(readWorkspace(a));
  });
});

describe('催报 (reminders)', () => {
  it('records who reminded whom, when, for which month and unit; refuses a reminder that names no project', async () => {
    const { sendReminder } = await import('../../../shared/model/workspace-write');
    const { newWorkspace, alice: by } = await import('./fixtures');
    const doc = newWorkspace();
    const sent = sendReminder(doc, { month: '2026-02', unitId: 'u1', projectIds: ['p2', 'p1', 'p2'], memberIds: ['zhang', 'li'] }, by, { newId: () => 'r1' });
    expect(sent).toEqual({ ok: true, id: 'r1' });
    const data = toWorkspaceData(readWorkspace(doc)).data;
    expect(data?.reminders).toEqual([
      { id: 'r1', month: '2026-02', unitId: 'u1', projectIds: ['p1', 'p2'], memberIds: ['li', 'zhang'], sent: { by: by.memberId, at: by.at } },
    ]);

    const nobody = sendReminder(doc, { month: '2026-02', unitId: null, projectIds: [], memberIds: [] }, by, { newId: () => 'r2' });
    expect(nobody.ok ? [] : nobody.errors.map((e) => e.key)).toEqual(['err.reminder.nobody']);
    expect(toWorkspaceData(readWorkspace(doc)).data?.reminders).toHaveLength(1);
  });
});
