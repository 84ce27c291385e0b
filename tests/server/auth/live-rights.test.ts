import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createLiveRights } from '../../../server/auth/live-rights';
import { vetWrite } from '../../../server/auth/write-rules';
import type { AppliedChange } from '../../../server/sync/applied-change';
import { addMember, registerProject, updateMember } from '../../../shared/model/workspace-write';

const by = { memberId: 'admin1', at: Date.UTC(2026, 2, 1) };

function workspace(): Y.Doc {
  const doc = new Y.Doc();
  addMember(doc, { id: 'owner1', name: '陈刚', rank: 'section', role: 'member' }, by);
  addMember(doc, { id: 'lead1', name: '刘洋', rank: 'cityLeader', role: 'leader' }, by);
  registerProject(doc, { id: 'p1', name: '临江港区物流园', ownerId: 'owner1' }, by);
  return doc;
}

describe('live rights: one read of the workspace document per state, for every connection', () => {
  it('reuses the view until members or registry change, then reads the new state', () => {
    const doc = workspace();
    const rights = createLiveRights();
    const view = rights.viewOf(doc);
    const owner = { workspaceId: 'w1', memberId: 'owner1', role: 'member' as const };
    for (let i = 0; i < 1000; i++) rights.evaluate(owner, 'ws/w1/project/p1', doc);
    expect(rights.viewOf(doc)).toBe(view);
    // a change elsewhere in the document (targets, campaign) keeps the view
    expect(rights.rightsMayChange('ws/w1', doc, new Set(['targets']))).toBe(false);
    expect(rights.viewOf(doc)).toBe(view);

    updateMember(doc, 'owner1', { role: 'observer' }, by);
    expect(rights.rightsMayChange('ws/w1', doc, new Set(['members']))).toBe(true);
    expect(rights.viewOf(doc)).not.toBe(view);
    expect(rights.evaluate(owner, 'ws/w1/project/p1', doc)).toEqual({ read: true, write: false });
  });
});

const change = (keys: AppliedChange['keys'], appended: AppliedChange['appended'] = []): AppliedChange => ({
  keys,
  appended,
  removed: [],
  nested: [],
  sizes: [],
});

describe('write rules', () => {
  const admin = { memberId: 'admin1', role: 'admin' as const };
  const leader = { memberId: 'lead1', role: 'leader' as const };
  const member = { memberId: 'owner1', role: 'member' as const };

  it('roles and archive state: admin only, never one’s own', () => {
    const promote = (id: string) => change([{ map: 'members', key: `${id}/role`, before: 'member', after: 'admin' }]);
    expect(vetWrite(admin, 'ws/w1', promote('owner1'))).toBeNull();
    expect(vetWrite(admin, 'ws/w1', promote('admin1'))).toBe('own-rights-field');
    expect(vetWrite(leader, 'ws/w1', promote('owner1'))).toBe('member-rights-field');
    expect(vetWrite(leader, 'ws/w1', promote('lead1'))).toBe('own-rights-field');
    expect(vetWrite(leader, 'ws/w1', change([{ map: 'members', key: 'owner1/name', before: '陈刚', after: '陈钢' }]))).toBeNull();
  });

  it('审核 records: admin only', () => {
    const review = change([{ map: 'reviews', key: 'r1/kind', before: undefined, after: 'report' }]);
    expect(vetWrite(leader, 'ws/w1', review)).toBe('review-not-admin');
    expect(vetWrite(admin, 'ws/w1', review)).toBeNull();
    const confirm = change([{ map: 'registry', key: 'p9/confirmed', before: false, after: true }]);
    expect(vetWrite(leader, 'ws/w1', confirm)).toBe('confirm-not-admin');
    expect(vetWrite(admin, 'ws/w1', confirm)).toBeNull();
  });

  it('attribution: new {by, at} values name the writer; ones already there may stay', () => {
    const tick = (who: string) => change([{ map: 'milestones', key: 'm1/done', before: null, after: { by: who, at: 1 } }]);
    expect(vetWrite(member, 'ws/w1/project/p1', tick('owner1'))).toBeNull();
    expect(vetWrite(member, 'ws/w1/project/p1', tick('lead1'))).toBe('attribution-not-author');
    const notes = change([
      {
        map: 'problems',
        key: 'q1/notes',
        before: [{ by: 'lead1', at: 1, text: 'a' }],
        after: [
          { by: 'owner1', at: 2, text: 'b' },
          { by: 'lead1', at: 1, text: 'a' },
        ],
      },
    ]);
    expect(vetWrite(member, 'ws/w1/project/p1', notes)).toBeNull();
    const activity = (who: string) =>
      change([], [{ array: 'activity', values: [{ by: who, at: 1, action: 'milestone.untick', from: { by: 'lead1', at: 0 } }] }]);
    expect(vetWrite(member, 'ws/w1/project/p1', activity('owner1'))).toBeNull();
    expect(vetWrite(member, 'ws/w1/project/p1', activity('lead1'))).toBe('attribution-not-author');
  });

  it('credit fields of a project: named at creation, changed by admin or leader only', () => {
    const setLeader = (before: unknown) => change([{ map: 'project', key: 'leaderId', before, after: 'lead1' }]);
    expect(vetWrite(member, 'ws/w1/project/p1', setLeader(undefined))).toBeNull();
    expect(vetWrite(member, 'ws/w1/project/p1', setLeader('lead2'))).toBe('credit-field');
    expect(vetWrite(leader, 'ws/w1/project/p1', setLeader('lead2'))).toBeNull();
  });

  it('总投资 and 年度计划 (what a 月报 is measured against): set at creation, changed by admin or leader only', () => {
    const setTotal = (before: unknown, after: unknown) => change([{ map: 'project', key: 'totalInvestmentWan', before, after }]);
    const setPlan = (before: unknown, after: unknown) => change([{ map: 'project', key: 'annualPlanWan', before, after }]);
    expect(vetWrite(member, 'ws/w1/project/p1', setTotal(undefined, 100))).toBeNull();
    expect(vetWrite(member, 'ws/w1/project/p1', setTotal(100, 1e9))).toBe('plan-figure');
    expect(vetWrite(member, 'ws/w1/project/p1', setPlan(50, 80))).toBe('plan-figure');
    expect(vetWrite(member, 'ws/w1/project/p1', setPlan(50, 50))).toBeNull();
    expect(vetWrite(leader, 'ws/w1/project/p1', setTotal(100, 120))).toBeNull();
    expect(vetWrite(admin, 'ws/w1/project/p1', setPlan(50, 80))).toBeNull();
  });

  it('archiving or restoring a project (admin console): admin or leader only, whoever the project belongs to', () => {
    const archive = (before: unknown, after: unknown) => change([{ map: 'project', key: 'archived', before, after }]);
    expect(vetWrite(member, 'ws/w1/project/p1', archive(undefined, false))).toBeNull();
    expect(vetWrite(member, 'ws/w1/project/p1', archive(false, true))).toBe('archive-project');
    expect(vetWrite(member, 'ws/w1/project/p1', archive(true, false))).toBe('archive-project');
    expect(vetWrite(member, 'ws/w1/project/p1', archive(false, false))).toBeNull();
    expect(vetWrite(leader, 'ws/w1/project/p1', archive(false, true))).toBeNull();
    expect(vetWrite(admin, 'ws/w1/project/p1', archive(true, false))).toBeNull();
  });

  it('shared types nested in our documents are foreign', () => {
    expect(vetWrite(admin, 'ws/w1', { keys: [], appended: [], removed: [], nested: ['members'], sizes: [] })).toBe('foreign-type');
  });
});
