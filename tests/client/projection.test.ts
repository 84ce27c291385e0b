import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openGuatuDb, readProjection, readWorkspace as readJoined, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { refreshProjection } from '../../client/projection';
import { openSession, type Session } from '../../client/session';
import { summaryRow } from '../../shared/calc/summary-row';
import { addMember, addTarget, archiveRegistryEntry, registerProject } from '../../shared/model/workspace-write';
import { addMilestone, tickMilestone } from '../../shared/model/project-milestones';
import { addProblem } from '../../shared/model/project-problems';
import { fileMonthlyReport } from '../../shared/model/project-reports';
import { readProjectDoc } from '../../shared/model/project-read';
import { toProjectBundle } from '../../shared/model/bundles';
import { writeSummaryRow } from '../../shared/model/summary';
import { alice, freshName, projectUpdate, SERVER, workspaceUpdate, WS } from './helpers';

/**
 * As of 2026-03-10 (月报 of February due on 03-05, due soon = within 15 days, 督办 after 7 days):
 * alice owns p1, is on p2's team, has nothing to do with p3 except a problem she owns there; p4 is archived.
 */
const AS_OF = '2026-03-10';
const KEY = `${SERVER}|ws1`;
const later = (minutes: number) => ({ ...alice, at: alice.at + minutes * 60_000 });
const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);

function workspace(): Uint8Array {
  return workspaceUpdate((doc) => {
    ok(addMember(doc, { id: 'alice', name: '张伟', rank: 'section', role: 'member', unitId: null }, alice));
    ok(addMember(doc, { id: 'bob', name: '李娜', rank: 'section', role: 'member', unitId: null }, alice));
    ok(registerProject(doc, { id: 'p1', name: '智能装备产业园', ownerId: 'alice' }, alice));
    ok(registerProject(doc, { id: 'p2', name: '城南污水厂', leaderId: 'bob', team: ['alice'] }, alice));
    ok(registerProject(doc, { id: 'p3', name: '物流园', ownerId: 'bob' }, alice));
    ok(registerProject(doc, { id: 'p4', name: '旧厂房改造', ownerId: 'alice' }, alice));
    ok(archiveRegistryEntry(doc, 'p4', alice));
    ok(
      addTarget(
        doc,
        {
          id: 't1',
          title: '个人招商引资任务',
          scope: { kind: 'member', memberId: 'alice' },
          start: '2026-01-01',
          end: '2026-12-31',
          goal: 100,
          metric: { kind: 'manual', aggregate: 'sum', unitLabel: '万元', values: { '2026-01': 10, '2026-02': 10 } },
        },
        alice,
      ),
    );
    ok(
      addTarget(
        doc,
        {
          id: 't2',
          title: '李娜的任务',
          scope: { kind: 'member', memberId: 'bob' },
          start: '2026-01-01',
          end: '2026-12-31',
          goal: 1,
          metric: { kind: 'manual', aggregate: 'sum', unitLabel: '个', values: {} },
        },
        alice,
      ),
    );
  });
}

const p1 = () =>
  projectUpdate({ id: 'p1', name: '智能装备产业园', ownerId: 'alice', totalInvestmentWan: 50_000, annualPlanWan: 12_000 }, (doc) => {
    ok(addMilestone(doc, { id: 'mA', title: '取得用地批复', dueDate: '2026-03-01' }, alice));
    ok(addMilestone(doc, { id: 'mB', title: '完成环评', dueDate: '2026-03-11' }, alice));
    ok(fileMonthlyReport(doc, { month: '2026-01', completedWan: 1_000, progress: '场地平整', issues: '' }, alice));
  });
const p2 = () =>
  projectUpdate({ id: 'p2', name: '城南污水厂', leaderId: 'bob', team: ['alice'] }, (doc) => {
    ok(addMilestone(doc, { id: 'mC', title: '管网招标', dueDate: '2026-03-05' }, alice));
    ok(addMilestone(doc, { id: 'mD', title: '可研批复', dueDate: '2026-02-01' }, alice));
    ok(tickMilestone(doc, 'mD', true, alice));
  });
const p3 = () =>
  projectUpdate({ id: 'p3', name: '物流园', ownerId: 'bob' }, (doc) => {
    ok(addMilestone(doc, { id: 'mE', title: '李娜的节点', dueDate: '2026-03-01' }, alice));
    ok(addProblem(doc, { id: 'q1', description: '征地补偿未到位', ownerId: 'alice', deadline: '2026-03-08' }, alice));
  });

/** The summary the server derived: a row per project (p1's from before anything below changed it). */
function summary(): Uint8Array {
  const doc = new Y.Doc();
  for (const update of [p1(), p3()]) {
    const projectDoc = new Y.Doc();
    Y.applyUpdate(projectDoc, update);
    const { bundle } = toProjectBundle(readProjectDoc(projectDoc));
    if (!bundle) throw new Error('project did not read');
    ok(writeSummaryRow(doc, summaryRow(bundle)));
  }
  return Y.encodeStateAsUpdate(doc);
}

const joined: JoinedWorkspace = {
  key: KEY,
  serverUrl: SERVER,
  workspaceId: 'ws1',
  workspaceName: '',
  memberId: 'alice',
  memberName: '',
  role: 'member',
  token: 't',
  expiresAt: 2_000_000_000_000,
  joinedAt: 1,
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(): Promise<{ db: GuatuDb; session: Session; opened: string[] }> {
  const db = openGuatuDb(freshName());
  await db.workspaces.put(joined);
  const session = openSession(joined, { connect: false, persistence: false, relay: false, WebSocketPolyfill: WS, now: () => alice.at });
  cleanups.push(
    () => session.close(),
    () => db.delete(),
  );
  // Documents as the IndexedDB copy would hold them; the handles keep them open for the whole test.
  Y.applyUpdate(session.workspace.doc, workspace());
  Y.applyUpdate(session.summary().doc, summary());
  Y.applyUpdate(session.project('p1').doc, p1());
  Y.applyUpdate(session.project('p2').doc, p2());
  const opened: string[] = [];
  const project = session.project;
  session.project = (id) => {
    opened.push(id);
    return project(id);
  };
  return { db, session, opened };
}

describe('refreshProjection', () => {
  it('lists my overdue work first, then what is due soon, then my targets, and counts the overdue ones for the badge', async () => {
    const { db, session, opened } = await setup();
    const projection = await refreshProjection(db, session, AS_OF, { now: () => 42 });

    expect(opened.sort()).toEqual(['p1', 'p2']); // my own projects' documents only, not p3, not the archived p4
    expect(projection?.items.map((i) => [i.kind, i.recordId, i.state, i.daysOverdue, i.escalation])).toEqual([
      ['milestone', 'mA', 'overdue', 9, 'supervised'],
      // alice is on p2's team: its 月报 is hers to file too (#9 §2)
      ['report', 'p2:2026-02', 'overdue', 5, 'reminded'],
      ['report', 'p1:2026-02', 'overdue', 5, 'reminded'],
      ['milestone', 'mC', 'overdue', 5, 'reminded'],
      ['problem', 'q1', 'overdue', 2, 'reminded'],
      ['milestone', 'mB', 'dueSoon', 0, 'assigned'],
      ['target', 't1', 'later', 0, null],
    ]);
    expect(projection?.overdue).toBe(5);
    expect(await readProjection(db, KEY)).toEqual(projection);
  });

  it('gives my targets with their standing against 序时, and my projects with their investment light', async () => {
    const { db, session } = await setup();
    const projection = await refreshProjection(db, session, AS_OF);
    // 20 of 100 by the end of February: 20% against 2/12 = 16.67% expected → 超序时进度 3.33 points, green.
    expect(projection?.targets.map((t) => [t.targetId, t.title, t.scope, t.actual, t.gapPoints, t.light, t.unitLabel])).toEqual([
      ['t1', '个人招商引资任务', 'member', 20, 3.33, 'green', '万元'],
    ]);
    // p1: 1,000 of 12,000 万元 planned = 8.33% against 16.67% → 落后序时进度 8.33 points, yellow; p2 has no annual plan.
    // Each with 今年累计 and the month last reported, for the 月报 form.
    expect(projection?.projects).toEqual([
      { id: 'p1', name: '智能装备产业园', stage: 'planning', light: 'yellow', gapPoints: -8.33, cumulativeWan: 1000, lastReportMonth: '2026-01' },
      { id: 'p2', name: '城南污水厂', stage: 'planning', cumulativeWan: 0, lastReportMonth: null },
    ]);
  });

  it('shows my own edit before the server has recomputed the summary', async () => {
    const { db, session } = await setup();
    const p1Handle = session.project('p1');
    ok(tickMilestone(p1Handle.doc, 'mA', true, later(5)));
    ok(fileMonthlyReport(p1Handle.doc, { month: '2026-02', completedWan: 900, progress: '主体施工', issues: '' }, later(6)));
    const projection = await refreshProjection(db, session, AS_OF);
    expect(projection?.items.filter((i) => i.state === 'overdue').map((i) => i.recordId)).toEqual(['p2:2026-02', 'mC', 'q1']);
    expect(projection?.overdue).toBe(3);
  });

  it('fills in the workspace and member names the join could not know', async () => {
    const { db, session } = await setup();
    await refreshProjection(db, session, AS_OF);
    const row = await readJoined(db, KEY);
    expect([row?.workspaceName, row?.memberName, row?.role]).toEqual(['某市项目建设年', '张伟', 'member']);
  });

  it('writes nothing while the workspace document is empty, or after the workspace was left', async () => {
    const db = openGuatuDb(freshName());
    await db.workspaces.put(joined);
    const empty = openSession(joined, { connect: false, persistence: false, relay: false, WebSocketPolyfill: WS });
    cleanups.push(
      () => empty.close(),
      () => db.delete(),
    );
    expect(await refreshProjection(db, empty, AS_OF)).toBeNull();
    expect(await readProjection(db, KEY)).toBeNull();

    const { db: db2, session } = await setup();
    await db2.workspaces.delete(KEY);
    await refreshProjection(db2, session, AS_OF);
    expect(await readProjection(db2, KEY)).toBeNull();
  });
});
