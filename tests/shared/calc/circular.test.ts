import { describe, expect, it } from 'vitest';
import { describeCircularEntry, monthlyCircular } from '../../../shared/calc/circular';
import { summaryRow } from '../../../shared/calc/summary-row';
import type { Target } from '../../../shared/schema/target';
import type { TargetResult } from '../../../shared/schema/summary';
import { bundle, problem, report, shanghaiNoon, workspace } from './report-fixtures';

const created = { by: 'admin', at: shanghaiNoon('2026-01-05') };
function target(id: string, title: string, scope: Target['scope'], archived = false, metric: Target['metric'] = { kind: 'investmentSum', filter: {} }): Target {
  return {
    id,
    title,
    scope,
    start: '2026-01-01',
    end: '2026-12-31',
    windowId: null,
    goal: 100,
    archived,
    created,
    metric,
  };
}
function result(targetId: string, share: number, gapPoints: number, light: TargetResult['light']): TargetResult {
  return { targetId, asOf: '2026-03-31', goal: 100, actual: share * 100, share, expectedShare: 0.25, gapPoints, light, forecast: share * 400, met: false };
}

// Units (fixtures): u1 市发改委, u2 高新区, u3 市工信局. Members: zhang 张伟, lead 李市长, wang 王芳.
const ws = workspace({
  targets: [
    target('t-ws', '全年完成投资', { kind: 'workspace' }),
    target('t-u2', '高新区开工目标', { kind: 'unit', unitId: 'u2' }, false, { kind: 'stageCount', stage: 'started', filter: {} }),
    target('t-old', '已撤销目标', { kind: 'workspace' }, true),
    target('t-none', '尚未计算的目标', { kind: 'workspace' }),
  ],
});
const results = [result('t-ws', 0.309, 5.9, 'green'), result('t-u2', 0.1, -15, 'red'), result('t-old', 0, -25, 'red')];

const rows = [
  // 市发改委: 3708 of 12000 planned (30.90%), started on plan in March, its one problem closed.
  summaryRow(
    bundle(
      {
        id: 'p1',
        name: '智能装备产业园',
        unitId: 'u1',
        ownerId: 'zhang',
        leaderId: 'lead',
        annualPlanWan: 12_000,
        plannedStart: '2026-03-01',
        stage: 'started',
        stageDates: { signed: '2026-01-10', started: '2026-03-05' },
      },
      {
        reports: [report('2026-01', 1_000, 1_000), report('2026-02', 1_000, 2_000), report('2026-03', 1_708, 3_708)],
        problems: [
          problem('q-fixed', '2026-03-15', { status: 'resolved', resolution: { by: 'zhang', at: shanghaiNoon('2026-03-10'), evidence: '已完成管线迁改' } }),
        ],
      },
    ),
  ),
  // 高新区: 1000 of 10000 (10.00%), due to start in February but only signed, its problem 19 days late on 8 April.
  summaryRow(
    bundle(
      {
        id: 'p2',
        name: '城南污水处理厂',
        unitId: 'u2',
        ownerId: 'wang',
        leaderId: 'lead',
        annualPlanWan: 10_000,
        plannedStart: '2026-02-01',
        stage: 'signed',
        stageDates: { signed: '2026-01-20' },
      },
      {
        reports: [report('2026-01', 500, 500), report('2026-02', 500, 1_000)],
        problems: [problem('q-late', '2026-03-20', { description: '征地拆迁进度滞后' })],
      },
    ),
  ),
  // 市工信局: nothing reported against 5000 planned, no owner.
  summaryRow(
    bundle({
      id: 'p3',
      name: '冷链物流中心',
      unitId: 'u3',
      ownerId: null,
      leaderId: null,
      annualPlanWan: 5_000,
      plannedStart: null,
      stage: 'signed',
      stageDates: { signed: '2026-01-15' },
    }),
  ),
  summaryRow(bundle({ id: 'p9', name: '已撤销项目', unitId: 'u3', ownerId: 'zhang', archived: true })),
];

describe("monthlyCircular: March's circular, issued on 8 April (reports were due on 5 April)", () => {
  const circular = monthlyCircular(ws, rows, results, '2026-03', '2026-04-08');
  const lines = (entries: typeof circular.praised) => entries.map((e) => describeCircularEntry(e, 'zh-CN'));

  it('names who has not filed the month, and criticises them once the due day has passed', () => {
    expect(circular.reportDue).toBe('2026-04-05');
    expect(circular.notFiled).toEqual([
      { projectId: 'p3', projectName: '冷链物流中心', ownerId: null, ownerName: '', unitName: '市工信局' },
      { projectId: 'p2', projectName: '城南污水处理厂', ownerId: 'wang', ownerName: '王芳', unitName: '高新区' },
    ]);
    expect(lines(circular.criticised.filter((e) => e.reasonKey === 'circular.criticise.reportNotFiled'))).toEqual([
      '王芳：1 个项目 2026-03 月报逾期未报（截止 2026-04-05）',
      '市工信局：1 个项目 2026-03 月报逾期未报（截止 2026-04-05）',
    ]);
  });

  it('lists the missing reports but criticises nobody for them on the due day itself', () => {
    const early = monthlyCircular(ws, rows, results, '2026-03', '2026-04-05');
    expect(early.notFiled.map((n) => n.projectId)).toEqual(['p3', 'p2']);
    expect(early.criticised.some((e) => e.reasonKey === 'circular.criticise.reportNotFiled')).toBe(false);
  });

  it('praises the top of each ranking with at least two to compare (市直部门 among themselves), 超序时 targets and projects that started this month', () => {
    // 高新区 is the only county and 李市长 the only leader: nobody to be first against. 市工信局 planned no start and
    // answers for no problem: 开工率 and 问题办结率 have one department to compare.
    expect(lines(circular.praised)).toEqual([
      '市发改委：投资完成率排名第一（30.90%）',
      '示范市：“全年完成投资”完成 30.90%，超序时进度 5.90 个百分点',
      '智能装备产业园：本月实现开工',
    ]);
    expect(circular.praised.at(-1)).toMatchObject({ kind: 'project', id: 'p1', params: { stage: 'started' } });
  });

  it('criticises the bottom units, 红灯 targets and problems at 督办', () => {
    expect(lines(circular.criticised.filter((e) => e.reasonKey !== 'circular.criticise.reportNotFiled'))).toEqual([
      '市工信局：投资完成率排名末位（0.00%）',
      '高新区：“高新区开工目标”完成 10.00%，落后序时进度 15.00 个百分点，亮红灯',
      '城南污水处理厂：问题“征地拆迁进度滞后”已列入督办，逾期 19 天（期限 2026-03-20）',
    ]);
  });

  it('ranks as of the end of the month, each ranking with its formula', () => {
    expect(circular.rankingAsOf).toBe('2026-03-31');
    // 县区 first, then 市直部门, each kind among itself: 高新区 is never ranked against the departments.
    expect(circular.unitRankings.map((r) => `${r.subject}:${r.metric}`)).toEqual([
      'county:investmentShare',
      'county:startRate',
      'county:problemResolutionRate',
      'department:investmentShare',
      'department:startRate',
      'department:problemResolutionRate',
    ]);
    const county = circular.unitRankings[0]!;
    expect(county.entries.map((e) => [e.name, e.rank, e.numerator, e.denominator])).toEqual([['高新区', 1, 1_000, 10_000]]);
    const investment = circular.unitRankings[3]!;
    expect(investment.formulaKey).toBe('calc.formula.investmentShare');
    expect(investment.entries.map((e) => [e.name, e.rank, e.numerator, e.denominator])).toEqual([
      ['市发改委', 1, 3_708, 12_000],
      ['市工信局', 2, 0, 5_000],
    ]);
    // 李市长 leads both projects: (3708 + 1000) ÷ 22000.
    expect(circular.memberRankings[0]!.entries.find((e) => e.id === 'lead')?.value).toBeCloseTo(4_708 / 22_000, 10);
  });

  it('summarises every live target with its light and gap, and titles the circular', () => {
    expect(circular.targetSummary.map((s) => [s.targetId, s.scope, s.scopeName, s.light, s.gapPoints])).toEqual([
      ['t-ws', 'workspace', '', 'green', 5.9],
      ['t-u2', 'unit', '高新区', 'red', -15],
    ]);
    expect(circular.title).toEqual({ key: 'circular.title', params: { year: 2026, month: 3 } });
  });

  it('words the same lines in English', () => {
    expect(describeCircularEntry(circular.praised[0]!, 'en')).toBe('市发改委: First in Investment completion (30.90%)');
  });
});
