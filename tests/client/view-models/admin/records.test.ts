import { describe, expect, it } from 'vitest';
import { adminLists } from '../../../../client/view-models/admin/admin-lists';
import { changedFields, onlyChanged } from '../../../../client/view-models/admin/form-fields';
import { inviteRequest, NEW_INVITE } from '../../../../client/view-models/admin/invites';
import {
  memberInput,
  memberValues,
  NEW_MEMBER,
  NEW_PROJECT,
  newTargetValues,
  projectEdit,
  targetInput,
  targetPatch,
  targetValues,
} from '../../../../client/view-models/admin/records';
import { addMember, addTarget, addUnit, archiveUnit, registerProject } from '../../../../shared/model/workspace-write';
import { readWorkspace } from '../../../../shared/model/workspace-read';
import { alice, newWorkspace } from '../../../shared/model/fixtures';

describe('admin record forms', () => {
  it('a project form: money typed with separators or full-width digits parses; words are refused at their field', () => {
    const ok = projectEdit({ ...NEW_PROJECT, name: '园区', totalInvestmentWan: '５０,０００', annualPlanWan: '12000', team: ['a', 'b'], plannedStart: '' });
    expect(ok.ok && ok.value).toMatchObject({
      name: '园区',
      totalInvestmentWan: 50_000,
      annualPlanWan: 12_000,
      team: ['a', 'b'],
      plannedStart: null,
      unitId: null,
    });
    const bad = projectEdit({ ...NEW_PROJECT, name: '园区', totalInvestmentWan: '五万', annualPlanWan: '' });
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: 'totalInvestmentWan', key: 'err.money.type', params: {} },
        { path: 'annualPlanWan', key: 'err.required', params: {} },
      ],
    });
  });

  it('a target form: a unit scope needs its unit; the goal must be a number; an edit keeps the metric', () => {
    const base = { ...newTargetValues(2026), title: '专班落地项目', goal: '5' };
    expect(targetInput({ ...base, scopeKind: 'unit' })).toEqual({ ok: false, errors: [{ path: 'scopeUnitId', key: 'err.required', params: {} }] });
    expect(targetInput({ ...base, goal: 'x' }).ok).toBe(false);
    const input = targetInput({ ...base, scopeKind: 'unit', scopeUnitId: 'u1', metricKind: 'manual', unitLabel: '亿元', aggregate: 'latest' });
    expect(input.ok && input.value).toMatchObject({
      scope: { kind: 'unit', unitId: 'u1' },
      goal: 5,
      metric: { kind: 'manual', aggregate: 'latest', unitLabel: '亿元', values: {} },
    });
    const patch = targetPatch(base);
    expect(patch.ok && 'metric' in patch.value).toBe(false);
  });

  it('a personal quota (个人招商任务): thresholds by rank, an empty one owes nothing; stored through the model', () => {
    const doc = newWorkspace();
    const values = {
      ...newTargetValues(2026),
      title: '领导干部招商任务',
      metricKind: 'memberQuota',
      goal: '40',
      'threshold.deputyDivision': '1000',
      'threshold.section': '500',
    };
    const input = targetInput(values);
    expect(input.ok && input.value.metric).toEqual({
      kind: 'memberQuota',
      thresholdsWan: { deputyDivision: 1000, section: 500 },
      perMember: 1,
      deadline: '2026-11-30',
    });
    if (!input.ok) return;
    expect(addTarget(doc, input.value, alice).ok).toBe(true);
    expect(targetValues(adminLists(readWorkspace(doc), 'alice').targets[0]!)).toEqual(values);
    expect(targetInput({ ...values, 'threshold.staff': '一百' })).toMatchObject({ ok: false, errors: [{ path: 'threshold.staff', key: 'err.money.type' }] });
  });

  it('a count or a sum can look at some projects only (省重点, one unit, from 1 亿元 up); none chosen = all', () => {
    const values = {
      ...newTargetValues(2026),
      title: '省重点项目开工',
      goal: '12',
      'filter.keyLevels': ['province'],
      'filter.unitIds': ['u1'],
      'filter.minTotalInvestmentWan': '10000',
    };
    const input = targetInput(values);
    expect(input.ok && input.value.metric).toEqual({
      kind: 'stageCount',
      stage: 'started',
      filter: { keyLevels: ['province'], unitIds: ['u1'], minTotalInvestmentWan: 10_000 },
    });
    const doc = newWorkspace();
    if (!input.ok) return;
    expect(addTarget(doc, input.value, alice).ok).toBe(true);
    expect(targetValues(adminLists(readWorkspace(doc), 'alice').targets[0]!)).toEqual(values);
  });

  it('a stored target fills the form it was made with', () => {
    const doc = newWorkspace();
    const values = { ...newTargetValues(2026), title: '一季度开工', goal: '120', end: '2026-03-31' };
    const input = targetInput(values);
    if (!input.ok) throw new Error('parses');
    const added = addTarget(doc, input.value, alice);
    if (!added.ok) throw new Error('adds');
    const target = adminLists(readWorkspace(doc), 'alice').targets[0]!;
    expect(targetValues(target)).toEqual(values);
  });

  it('an invite names a new person or an existing member, valid 1–30 days', () => {
    expect(inviteRequest({ ...NEW_INVITE, name: ' 刘新来 ' })).toEqual({
      ok: true,
      value: { role: 'member', member: { name: '刘新来', rank: 'staff', unitId: null }, expiresInHours: 168 },
    });
    expect(inviteRequest({ ...NEW_INVITE, who: 'existing', memberId: 'm1', role: 'leader', days: '30' })).toEqual({
      ok: true,
      value: { role: 'leader', memberId: 'm1', expiresInHours: 720 },
    });
    expect(inviteRequest({ ...NEW_INVITE, name: '' })).toMatchObject({ ok: false, errors: [{ path: 'name' }] });
    expect(inviteRequest({ ...NEW_INVITE, who: 'existing' })).toMatchObject({ ok: false, errors: [{ path: 'memberId' }] });
    expect(inviteRequest({ ...NEW_INVITE, name: '刘', days: '31' })).toMatchObject({ ok: false, errors: [{ path: 'days' }] });
  });
});

describe('督查 and rate targets', () => {
  it('a member form carries the 督查 flag both ways', () => {
    const parsed = memberInput({ ...NEW_MEMBER, name: '督查员', inspector: 'yes' });
    expect(parsed.ok && parsed.value.inspector).toBe(true);
    expect(memberValues({ id: 'm1', name: '张三', rank: 'staff', unitId: null, role: 'member', archived: false, inspector: true }).inspector).toBe('yes');
    expect(memberValues({ id: 'm2', name: '李四', rank: 'staff', unitId: null, role: 'member', archived: false }).inspector).toBe('no');
  });
});

describe('writing only what the person changed', () => {
  it('keeps a patch’s keys whose field (or a field they are made of) changed', () => {
    const baseline = { ...newTargetValues(2026), title: '开工', goal: '10' };
    const values = { ...baseline, scopeKind: 'unit', scopeUnitId: 'u1' };
    const changed = changedFields(values, baseline);
    expect([...changed].sort()).toEqual(['scopeKind', 'scopeUnitId']);
    const patch = targetPatch(values);
    if (!patch.ok) throw new Error('parses');
    expect(onlyChanged(patch.value, changed, { scope: ['scopeKind', 'scopeUnitId', 'scopeMemberId'] })).toEqual({ scope: { kind: 'unit', unitId: 'u1' } });
    expect(changedFields({ team: ['a', 'b'] }, { team: ['a'] })).toEqual(new Set(['team']));
  });
});

describe('admin lists', () => {
  it('resolve names, put archived lines last, mark a registration awaiting 审核 and my own line', () => {
    const doc = newWorkspace();
    addUnit(doc, { id: 'u1', name: '发改委', kind: 'department', headId: 'm2' }, alice);
    addUnit(doc, { id: 'u0', name: 'already archived', kind: 'county' }, alice);
    archiveUnit(doc, 'u0', alice);
    addMember(doc, { id: 'alice', name: '孟毅', rank: 'section', role: 'admin', unitId: 'u1' }, alice);
    addMember(doc, { id: 'm2', name: '陈刚', rank: 'deputyDivision', role: 'leader', unitId: 'u1' }, alice);
    registerProject(doc, { id: 'p1', name: '产业园', unitId: 'u1', leaderId: 'm2', ownerId: 'ghost', confirmed: false }, alice);
    const lists = adminLists(readWorkspace(doc), 'alice');
    expect(lists.unitRows.map((r) => [r.name, r.archived])).toEqual([
      ['发改委', false],
      ['already archived', true],
    ]);
    expect(lists.unitRows[0]!.cells).toEqual([{ text: '发改委' }, { key: 'unitKind.department' }, { text: '陈刚' }]);
    expect(lists.memberRows.find((r) => r.id === 'alice')?.own).toBe(true);
    expect(lists.projectRows[0]).toMatchObject({
      tag: { key: 'admin.pendingTag' },
      cells: [{ text: '产业园' }, { text: '发改委' }, { text: '陈刚' }, { text: 'ghost' }],
    });
    expect(lists.invalidCount).toBe(0);
  });
});
