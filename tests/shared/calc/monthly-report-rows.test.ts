import { describe, expect, it } from 'vitest';
import { MONTHLY_REPORT_COLUMNS, monthlyReportRows, monthlyReportTitle } from '../../../shared/calc/monthly-report-rows';
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
      { projectId: 'p1', filed: true },
      { projectId: 'p2', filed: false },
    ]);
  });

  it('leaves the month blank and says so when the report was not filed', () => {
    const table = monthlyReportRows(ws, [unfiled, worked], '2026-03', 'en');
    expect(table.rows[1]).toEqual([
      'XM-002',
      '城南污水处理厂',
      'Continued',
      '',
      50_000,
      12_000,
      null,
      null,
      null,
      null,
      '',
      '高新区',
      '',
      'Infrastructure',
      'Preparation',
      '(not filed this month)',
      '',
    ]);
  });

  it("gives an earlier month's figures from that month's report", () => {
    const row = monthlyReportRows(ws, [worked], '2026-02', 'zh-CN').rows[0];
    // February: 700 this month and so far; q-open was raised on 1 February and q-closed was still open then.
    expect(row?.slice(6, 8)).toEqual([700, 700]);
    expect(row?.[16]).toBe('用地指标未落实\n施工用电容量不足\n问题 q-closed');
  });

  it('gives the same figures from summary rows (建设内容 is not in the summary)', () => {
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
    expect(fromRows?.[3]).toBe('');
    // 问题和建议 as the latest report says it (the open problem it does not quote follows), as from the document
    expect(fromRows?.[16]).toBe('施工用电容量不足\n用地指标未落实');
    expect(fromRows?.[16]).toBe(monthlyReportRows(ws, [worked], '2026-03', 'zh-CN').rows[0]?.[16]);
    // For February the summary sums the year's monthly figures up to February.
    expect(monthlyReportRows(ws, [summaryRow(worked)], '2026-02', 'zh-CN').rows[0]?.slice(6, 8)).toEqual([700, 700]);
  });

  it('titles the table by month', () => {
    expect(monthlyReportTitle('2026-03', 'zh-CN')).toBe('2026年3月重点项目建设月报');
  });
});
