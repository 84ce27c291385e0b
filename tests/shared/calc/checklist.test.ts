import { describe, expect, it } from 'vitest';
import { currentReportMonth, memberChecklist, overdueCount, problemsRaisedBy } from '../../../shared/calc/checklist';
import { summaryRow } from '../../../shared/calc/summary-row';
import type { Target } from '../../../shared/schema/target';
import type { TargetResult } from '../../../shared/schema/summary';
import { bundle, member, milestone, problem, report, shanghaiNoon, unit, workspace } from './report-fixtures';

const created = { by: 'admin', at: shanghaiNoon('2026-01-05') };
const quota: Target = {
  id: 't-quota',
  title: '张伟招商引资任务',
  scope: { kind: 'member', memberId: 'zhang' },
  start: '2026-01-01',
  end: '2026-12-31',
  windowId: null,
  goal: 1,
  archived: false,
  created,
  metric: { kind: 'memberQuota', thresholdsWan: { section: 500 }, perMember: 1, deadline: '2026-11-30' },
};
const othersQuota: Target = { ...quota, id: 't-wang', title: '王芳招商引资任务', scope: { kind: 'member', memberId: 'wang' } };
const quotaResult: TargetResult = {
  targetId: 't-quota',
  asOf: '2026-04-03',
  goal: 1,
  actual: 0,
  share: 0,
  expectedShare: 0.25,
  gapPoints: -25,
  light: 'yellow',
  forecast: 0,
  met: false,
};
// Reports due on the 5th; due soon means within 15 days (the default campaign).
const ws = workspace({ targets: [quota, othersQuota] });

const rows = [
  summaryRow(
    bundle(
      { id: 'p1', name: '智能装备产业园', ownerId: 'zhang' },
      {
        milestones: [
          milestone('m-late', '2026-03-25'),
          milestone('m-later', '2026-06-30'),
          milestone('m-done', '2026-03-01', { done: { by: 'zhang', at: shanghaiNoon('2026-03-01') } }),
        ],
        // Its 责任人 is wang: it is his, although zhang owns the project (the board no longer falls back to the owner).
        problems: [problem('q-soon', '2026-04-10', { ownerId: 'wang', description: '用地指标未落实' })],
        reports: [report('2026-02', 100, 100)],
      },
    ),
  ),
  summaryRow(
    bundle(
      { id: 'p2', name: '城南污水处理厂', ownerId: 'wang', leaderId: 'lead', team: ['zhang'] },
      {
        milestones: [milestone('m-team', '2026-04-01')],
        problems: [problem('q-mine', '2026-04-05', { ownerId: 'zhang', description: '管网迁改协调' }), problem('q-theirs', '2026-03-01', { ownerId: 'wang' })],
      },
    ),
  ),
  summaryRow(bundle({ id: 'p3', name: '冷链物流中心', ownerId: 'zhang' }, { reports: [report('2026-03', 50, 50)] })),
  summaryRow(bundle({ id: 'p4', name: '已撤销项目', ownerId: 'zhang', archived: true }, { milestones: [milestone('m-archived', '2026-01-01')] })),
];

describe('memberChecklist: what a cadre must act on', () => {
  it('puts an overdue milestone before a due-soon problem before an unfiled report before the rest', () => {
    const list = memberChecklist('zhang', ws, rows, [quotaResult], '2026-04-03');
    expect(list.map((i) => [i.kind, i.recordId, i.state, i.daysOverdue, i.due])).toEqual([
      ['milestone', 'm-late', 'overdue', 9, '2026-03-25'],
      ['milestone', 'm-team', 'overdue', 2, '2026-04-01'],
      ['problem', 'q-mine', 'dueSoon', 0, '2026-04-05'],
      // zhang is on p2's team: its report is his to file too
      ['report', 'p2:2026-03', 'unfiled', 0, '2026-04-05'],
      ['report', 'p1:2026-03', 'unfiled', 0, '2026-04-05'],
      ['milestone', 'm-later', 'later', 0, '2026-06-30'],
      ['target', 't-quota', 'later', 0, '2026-11-30'],
    ]);
    expect(overdueCount(list)).toBe(2);
  });

  it('names the project, the escalation level and the light', () => {
    const byId = new Map(memberChecklist('zhang', ws, rows, [quotaResult], '2026-04-03').map((i) => [i.recordId, i]));
    // 9 days late with the default rules (提醒 after 1 day, 督办 after 7).
    expect(byId.get('m-late')).toMatchObject({ projectId: 'p1', projectName: '智能装备产业园', escalation: 'supervised' });
    expect(byId.get('m-team')).toMatchObject({ projectName: '城南污水处理厂', escalation: 'reminded' });
    expect(byId.get('q-mine')).toMatchObject({ title: '管网迁改协调', escalation: 'assigned', problem: { status: 'open', duty: 'responsible' } });
    expect(byId.has('q-soon')).toBe(false);
    expect(byId.get('p1:2026-03')).toMatchObject({ title: '智能装备产业园', month: '2026-03' });
    expect(byId.get('t-quota')).toMatchObject({ light: 'yellow', escalation: null });
  });

  it("makes last month's report overdue the day after its due day, and the badge counts it", () => {
    expect(memberChecklist('zhang', ws, rows, [], '2026-04-05').find((i) => i.kind === 'report')?.state).toBe('unfiled');
    const list = memberChecklist('zhang', ws, rows, [], '2026-04-06');
    // q-mine was due on the 5th too: on the same day late, the report comes first.
    expect(list.slice(0, 4).map((i) => [i.recordId, i.daysOverdue])).toEqual([
      ['m-late', 12],
      ['m-team', 5],
      ['p2:2026-03', 1],
      ['p1:2026-03', 1],
    ]);
    expect(list.find((i) => i.kind === 'report')?.escalation).toBe('reminded');
    expect(overdueCount(list)).toBe(5);
  });

  it("leaves out other people's items, and last year's December in January", () => {
    // wang answers for q-theirs and for q-soon in zhang's p1; q-mine in his own p2 is zhang's; zhang's milestones are not his.
    const wang = memberChecklist('wang', ws, rows, [], '2026-04-03').map((i) => i.recordId);
    expect(wang).toEqual(['q-theirs', 'm-team', 'q-soon', 'p2:2026-03', 't-wang']);
    expect(memberChecklist('zhang', ws, rows, [], '2026-01-10').some((i) => i.kind === 'report')).toBe(false);
  });

  it('moves a met quota to the end, and an unmet one past its deadline to the top', () => {
    const met = memberChecklist('zhang', ws, [], [{ ...quotaResult, actual: 1, share: 1, met: true, light: 'green' }], '2026-12-10');
    expect(met).toMatchObject([{ recordId: 't-quota', state: 'later', light: 'green' }]);
    const missed = memberChecklist('zhang', ws, [], [{ ...quotaResult, light: 'red' }], '2026-12-10');
    expect(missed).toMatchObject([{ recordId: 't-quota', state: 'overdue', daysOverdue: 10, light: 'red' }]);
  });
});

describe('the 问题清单 in the popup: the responsible head, the confirmer, the reporter', () => {
  // 邓楠艺 (deng) heads 市生态环境局 (eco); zhang owns the project and raises its problems; office is 项目办; du is 督查.
  const loopWs = workspace({
    units: [unit('eco', '市生态环境局', { headId: 'deng' })],
    members: [
      member('zhang', '张伟'),
      member('deng', '邓楠艺', { unitId: 'eco' }),
      member('office', '项目办', { role: 'admin' }),
      member('du', '督查室', { role: 'observer', inspector: true }),
    ],
  });
  const loopRows = [
    summaryRow(
      bundle(
        { id: 'p9', name: '化工园区污水管网', ownerId: 'zhang' },
        {
          problems: [
            problem('q-eco', '2026-04-20', { departmentId: 'eco', description: '环评批复未下达' }),
            problem('q-asked', '2026-04-25', {
              departmentId: 'eco',
              status: 'closeRequested',
              request: { by: 'deng', at: shanghaiNoon('2026-04-01'), evidence: '批复已下达' },
            }),
            problem('q-done', '2026-03-01', {
              departmentId: 'eco',
              status: 'resolved',
              resolution: { by: 'office', at: shanghaiNoon('2026-03-02'), evidence: '已办结' },
            }),
          ],
        },
      ),
    ),
  ];

  it("a department's problem is its head's to answer, not the project owner's who raised it", () => {
    const deng = memberChecklist('deng', loopWs, loopRows, [], '2026-04-03').filter((i) => i.kind === 'problem');
    expect(deng.map((i) => [i.recordId, i.problem])).toEqual([
      ['q-eco', { status: 'open', duty: 'responsible' }],
      ['q-asked', { status: 'closeRequested', duty: 'responsible' }],
    ]);
    expect(memberChecklist('zhang', loopWs, loopRows, [], '2026-04-03').some((i) => i.kind === 'problem')).toBe(false);
  });

  it('a 销号 request waits in the 项目办’s list; in 督查’s only when the campaign lets them confirm', () => {
    const confirmations = (who: string, ws: typeof loopWs) =>
      memberChecklist(who, ws, loopRows, [], '2026-04-03').flatMap((i) => (i.problem?.duty === 'confirm' ? [i.recordId] : []));
    expect(confirmations('office', loopWs)).toEqual(['q-asked']);
    expect(confirmations('du', loopWs)).toEqual([]);
    expect(confirmations('du', { ...loopWs, campaign: { ...loopWs.campaign, problemClosure: 'officeAndInspectors' } })).toEqual(['q-asked']);
  });

  it('the reporter follows what became of the problems they raised, open ones first', () => {
    expect(problemsRaisedBy('zhang', loopWs, loopRows, '2026-04-03').map((p) => [p.recordId, p.status, p.responsibleId])).toEqual([
      ['q-eco', 'open', 'deng'],
      ['q-asked', 'closeRequested', 'deng'],
      ['q-done', 'resolved', 'deng'],
    ]);
    expect(problemsRaisedBy('deng', loopWs, loopRows, '2026-04-03')).toEqual([]);
  });
});

describe('currentReportMonth', () => {
  it("is last month's report, due on the due day of this month", () => {
    expect(currentReportMonth('2026-04-03', 5)).toEqual({ month: '2026-03', due: '2026-04-05' });
    expect(currentReportMonth('2027-01-31', 10)).toEqual({ month: '2026-12', due: '2027-01-10' });
  });
});

describe('memberChecklist: who files 月报, and months to back-file (补报)', () => {
  const ws2 = workspace({ members: [...workspace().members, member('admin', '周敏', { role: 'admin' })] });
  const gappy = summaryRow(
    bundle(
      { id: 'p42', name: '临江港区物流园', code: 'XM2026-0042', ownerId: 'zhang', leaderId: 'lead', team: ['wang'] },
      { reports: [report('2026-01', 100, 100), report('2026-02', 100, 200), report('2026-04', 100, 300), report('2026-06', 100, 400)] },
    ),
  );

  it('chases the owner and the team, not the 联系领导, for every month missing since the first report', () => {
    const asOf = '2026-08-03'; // July's report is due on 5 August
    const months = (who: string) => memberChecklist(who, ws2, [gappy], [], asOf).filter((i) => i.kind === 'report');
    expect(months('zhang').map((i) => [i.month, i.state, i.needsApproval ?? false])).toEqual([
      ['2026-03', 'overdue', true],
      ['2026-05', 'overdue', true],
      ['2026-07', 'unfiled', false],
    ]);
    expect(months('wang').map((i) => i.recordId)).toEqual(['p42:2026-03', 'p42:2026-05', 'p42:2026-07']);
    expect(months('lead')).toEqual([]);
  });

  it('asks nothing for months before the first report, and the 项目办 back-files without approval', () => {
    const late = summaryRow(bundle({ id: 'p9', name: '冷链物流中心', ownerId: 'admin' }, { reports: [report('2026-05', 10, 10)] }));
    const list = memberChecklist('admin', ws2, [late], [], '2026-08-03').filter((i) => i.kind === 'report');
    expect(list.map((i) => [i.month, i.needsApproval ?? false])).toEqual([
      ['2026-06', false],
      ['2026-07', false],
    ]);
  });
});

describe('memberChecklist: 催报 reaches the popup and the badge', () => {
  const ws3 = workspace({
    reminders: [
      {
        id: 'r1',
        month: '2026-03',
        unitId: null,
        projectIds: ['p1', 'p2'],
        memberIds: ['zhang', 'wang'],
        sent: { by: 'admin', at: shanghaiNoon('2026-04-02') },
      },
    ],
  });

  it('marks the reminded report with who reminded when, and the badge counts it before it is overdue', () => {
    const plain = memberChecklist('zhang', ws, rows, [], '2026-04-03');
    const reminded = memberChecklist('zhang', ws3, rows, [], '2026-04-03');
    expect(reminded.find((i) => i.recordId === 'p1:2026-03')?.reminded).toEqual({ by: 'admin', at: shanghaiNoon('2026-04-02') });
    expect(reminded.find((i) => i.recordId === 'p2:2026-03')?.reminded).toBeDefined(); // zhang is on p2's team
    expect(overdueCount(reminded)).toBe(overdueCount(plain) + 2);
  });

  it('is gone once the month is filed', () => {
    const filed = rows.map((r) => (r.projectId === 'p1' ? { ...r, completedByMonth: { ...r.completedByMonth, '2026-03': 10 } } : r));
    expect(memberChecklist('zhang', ws3, filed, [], '2026-04-03').some((i) => i.recordId === 'p1:2026-03')).toBe(false);
  });
});
