import { describe, expect, it } from 'vitest';
import { MONTHLY_REPORT_COLUMNS, monthlyReportRows, monthlyReportTitle, stageAt } from '../../../shared/calc/monthly-report-rows';
import { summaryRow } from '../../../shared/calc/summary-row';
import { bundle, problem, report, shanghaiNoon, workspace } from './report-fixtures';

const ws = workspace();

const worked = bundle(
  {
    id: 'p1',
    code: 'XM-001',
    name: '智能装备产业园',
    kind: 'new',
    content: '新建标准厂房12万平方米及配套设施',
    totalInvestmentWan: 50_000,
    annualPlanWan: 12_000,
    plannedStart: '2026-03-01',
    plannedCompletion: '2027-12-31',
    leaderId: 'lead',
    unitId: 'u1',
    serviceUnitId: 'u2',
    category: 'industry',
    stage: 'started',
  },
  {
    reports: [report('2026-02', 700, 700), report('2026-03', 500, 1_200, { progress: '主体结构封顶', issues: '施工用电容量不足' })],
    problems: [
      problem('q-open', '2026-04-30', { description: '用地指标未落实' }),
      problem('q-quoted', '2026-04-30', { description: '施工用电容量不足' }), // the report already says it
      problem('q-closed', '2026-03-20', {
        status: 'resolved',
        resolution: { by: 'wang', at: shanghaiNoon('2026-03-20'), evidence: '已协调' },
      }),
      problem('q-april', '2026-05-10', { raised: { by: 'zhang', at: shanghaiNoon('2026-04-02') } }), // raised after March
    ],
  },
);
const unfiled = bundle({
  id: 'p2',
  code: 'XM-002',
  name: '城南污水处理厂',
  kind: 'continued',
  category: 'infrastructure',
  leaderId: null,
  unitId: 'u2',
  serviceUnitId: null,
  plannedStart: null,
  plannedCompletion: null,
  stage: 'preparation',
  stageDates: { signed: '2026-01-10', preparation: '2026-02-01' },
});
const archived = bundle({ id: 'p0', code: 'XM-000', archived: true });

describe('monthlyReportRows: the 月报 in the standard columns', () => {
  it('has the 17 standard columns in order, with headers in the locale', () => {
    const table = monthlyReportRows(ws, [worked], '2026-03', 'zh-CN');
    expect(table.columns.map((c) => c.header)).toEqual([
      '项目编号',
      '项目名称',
      '建设性质',
      '建设内容',
      '总投资（万元）',
      '今年计划投资（万元）',
      '今年累计完成投资（万元）',
      '本月完成投资（万元）',
      '计划开工',
      '计划竣工',
      '包联领导',
      '责任单位',
      '服务单位',
      '项目类型',
      '建设阶段',
      '本月进展',
      '问题和建议',
    ]);
    expect(table.columns.map((c) => c.key)).toEqual([...MONTHLY_REPORT_COLUMNS]);
    expect(monthlyReportRows(ws, [worked], '2026-03', 'en').columns[6]?.header).toBe('Completed this year (万元)');
  });

  it('fills a filed project cell by cell: names resolved, labels in the locale, money as numbers', () => {
    const table = monthlyReportRows(ws, [unfiled, archived, worked], '2026-03', 'zh-CN');
    expect(table.rows[0]).toEqual([
      'XM-001',
      '智能装备产业园',
      '新建',
      '新建标准厂房12万平方米及配套设施',
      50_000,
      12_000,
      1_200,
      500,
      '2026-03-01',
      '2027-12-31',
      '李市长',
      '市发改委',
      '高新区',
      '工业',
      '开工',
      '主体结构封顶',
      '施工用电容量不足\n用地指标未落实',
    ]);
    expect(table.projects).toEqual([
      { projectId: 'p1', filed: true, category: 'industry', county: '' },
      { projectId: 'p2', filed: false, category: 'infrastructure', county: '' },
    ]);
  });

  it('leaves the month blank and marks the row 未报送 when the report was not filed (nothing filed this year: 0)', () => {
    const table = monthlyReportRows(ws, [unfiled, worked], '2026-03', 'en');
    expect(table.rows[1]).toEqual([
      'XM-002',
      '城南污水处理厂',
      'Continued',
      '',
      50_000,
      12_000,
      0,
      null,
      null,
      null,
      '',
      '高新区',
      '',
      'Infrastructure',
      'Preparation',
      'Not filed',
      '',
    ]);
  });

  it("gives an earlier month's figures from that month's report", () => {
    const row = monthlyReportRows(ws, [worked], '2026-02', 'zh-CN').rows[0];
    // February: 700 this month and so far; q-open was raised on 1 February and q-closed was still open then.
    expect(row?.slice(6, 8)).toEqual([700, 700]);
    expect(row?.[16]).toBe('用地指标未落实\n施工用电容量不足\n问题 q-closed');
  });

  it('gives the same figures from summary rows, 建设内容 included', () => {
    const fromRows = monthlyReportRows(ws, [summaryRow(worked)], '2026-03', 'zh-CN').rows[0];
    expect(fromRows?.slice(4, 16)).toEqual([
      50_000,
      12_000,
      1_200,
      500,
      '2026-03-01',
      '2027-12-31',
      '李市长',
      '市发改委',
      '高新区',
      '工业',
      '开工',
      '主体结构封顶',
    ]);
    expect(fromRows?.[3]).toBe('新建标准厂房12万平方米及配套设施');
    // 问题和建议 as the latest report says it (the open problem it does not quote follows), as from the document
    expect(fromRows?.[16]).toBe('施工用电容量不足\n用地指标未落实');
    expect(fromRows?.[16]).toBe(monthlyReportRows(ws, [worked], '2026-03', 'zh-CN').rows[0]?.[16]);
    // For February the summary sums the year's monthly figures up to February.
    expect(monthlyReportRows(ws, [summaryRow(worked)], '2026-02', 'zh-CN').rows[0]?.slice(6, 8)).toEqual([700, 700]);
  });

  it('carries the last cumulative filed this year into an unfiled month, from a bundle and from the summary alike', () => {
    const lapsed = bundle(
      { id: 'p3', code: 'XM-003', name: '物流园', stage: 'started' },
      { reports: [report('2025-12', 900, 9_000), report('2026-01', 300, 300), report('2026-02', 400, 700)] },
    );
    for (const source of [lapsed, summaryRow(lapsed)]) {
      const table = monthlyReportRows(ws, [source], '2026-04', 'zh-CN');
      // 今年累计 700 (February's), 本月 blank, 本月进展 says 未报送.
      expect(table.rows[0]?.slice(6, 8)).toEqual([700, null]);
      expect(table.rows[0]?.[15]).toBe('未报送');
      expect(table.projects[0]?.filed).toBe(false);
      expect(table.total).toMatchObject({ count: 1, cumulativeCompleted: 700, monthCompleted: 0, notFiled: 1 });
    }
    // Last year's cumulative does not carry into January.
    expect(monthlyReportRows(ws, [lapsed], '2026-01', 'zh-CN').rows[0]?.slice(6, 8)).toEqual([300, 300]);
  });

  it('gives 建设阶段 as at the end of the reported month, from the stage dates', () => {
    const moving = bundle({
      id: 'p4',
      stage: 'completed',
      stageDates: { signed: '2026-01-10', preparation: '2026-02-01', started: '2026-03-05', completed: '2026-06-20' },
    });
    const stageIn = (month: string): unknown => monthlyReportRows(ws, [moving], month, 'zh-CN').rows[0]?.[14];
    expect(stageIn('2026-01')).toBe('签约');
    expect(stageIn('2026-02')).toBe('前期');
    expect(stageIn('2026-03')).toBe('开工');
    expect(stageIn('2026-05')).toBe('开工');
    expect(stageIn('2026-06')).toBe('竣工');
    expect(stageAt({ stage: 'completed', stageDates: { signed: '2026-01-10' } }, '2025-12-31')).toBe('planning');
    // An undated current stage stands (nothing says it came later).
    expect(stageAt({ stage: 'preparation', stageDates: {} }, '2026-01-31')).toBe('preparation');
  });

  it('groups rows into sections by 项目类型 with 小计, and a 合计 of every row', () => {
    const factory2 = bundle(
      { id: 'p5', code: 'XM-005', name: '新材料产业园', category: 'industry', totalInvestmentWan: 20_000, annualPlanWan: 8_000 },
      { reports: [report('2026-03', 250.5, 250.5)] },
    );
    const table = monthlyReportRows(ws, [unfiled, factory2, worked], '2026-03', 'zh-CN');
    expect(table.sections.map((s) => s.title)).toEqual(['一、工业项目', '二、基础设施项目']);
    expect(table.sections.map((s) => s.rowIndexes)).toEqual([[0, 1], [2]]);
    expect(table.rows.map((r) => r[0])).toEqual(['XM-001', 'XM-005', 'XM-002']);
    expect(table.sections[0]?.subtotal).toEqual({
      count: 2,
      totalInvestment: 70_000,
      annualPlan: 20_000,
      cumulativeCompleted: 1_450.5,
      monthCompleted: 750.5,
      notFiled: 0,
    });
    expect(table.sections[1]?.subtotal).toMatchObject({ count: 1, cumulativeCompleted: 0, notFiled: 1 });
    expect(table.total).toEqual({
      count: 3,
      totalInvestment: 120_000,
      annualPlan: 32_000,
      cumulativeCompleted: 1_450.5,
      monthCompleted: 750.5,
      notFiled: 1,
    });
  });

  it('counts figures awaiting 审核 apart, so the board (which leaves them out) is the 合计 less them', () => {
    // 20,000 万元 in one month against a 12,000 plan: flagged by the plausibility rules, not confirmed yet.
    const doubtful = bundle({ id: 'p6', code: 'XM-006', totalInvestmentWan: 50_000, annualPlanWan: 12_000 }, { reports: [report('2026-03', 20_000, 20_000)] });
    const table = monthlyReportRows(ws, [worked, summaryRow(doubtful)], '2026-03', 'zh-CN');
    expect(table.total.cumulativeCompleted).toBe(21_200);
    expect(table.awaitingReview).toEqual({ count: 1, wan: 20_000 });
    expect(monthlyReportRows(ws, [worked], '2026-03', 'zh-CN').awaitingReview).toEqual({ count: 0, wan: 0 });
  });

  it('titles the table by month', () => {
    expect(monthlyReportTitle('2026-03', 'zh-CN')).toBe('2026年3月重点项目建设月报');
  });
});
