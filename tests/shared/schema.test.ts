import { describe, expect, it } from 'vitest';
import { describeFieldErrors } from '../../shared/i18n';
import { toFieldErrors } from '../../shared/schema/field-errors';
import { CampaignSchema, defaultCampaign } from '../../shared/schema/campaign';
import { MonthlyReportSeriesSchema } from '../../shared/schema/monthly-report';
import { ProjectSchema } from '../../shared/schema/project';
import { isCalendarDate } from '../../shared/schema/common';
import type { Project } from '../../shared/schema/project';

const at = { by: 'm1', at: Date.UTC(2026, 2, 1) };
function project(overrides: Partial<Record<keyof Project, unknown>> = {}): unknown {
  return {
    id: 'p1',
    code: 'XM-001',
    name: '智能装备产业园',
    category: 'industry',
    kind: 'new',
    source: 'attracted',
    unitId: 'u1',
    serviceUnitId: null,
    countyId: null,
    leaderId: 'm2',
    ownerId: 'm1',
    team: [],
    plan: '',
    content: '',
    attractedById: null,
    keyLevel: 'city',
    totalInvestmentWan: 50_000,
    annualPlanWan: 12_000,
    plannedStart: '2026-03-01',
    plannedCompletion: '2027-12-31',
    stage: 'started',
    stageDates: { signed: '2026-01-10', started: '2026-03-05' },
    progressNote: '',
    archived: false,
    created: at,
    updated: at,
    ...overrides,
  };
}
function messages(result: { success: boolean; error?: unknown }, locale: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  if (result.success) return [];
  return describeFieldErrors(toFieldErrors(result.error as never), locale);
}

describe('schemas refuse what people get wrong, in words they can act on', () => {
  it('accepts a well-formed project', () => {
    expect(ProjectSchema.safeParse(project()).success).toBe(true);
  });
  it('refuses negative money in both languages', () => {
    const r = ProjectSchema.safeParse(project({ totalInvestmentWan: -5 }));
    expect(messages(r)).toContain('totalInvestmentWan: 金额不能为负数');
    expect(messages(r, 'en')).toContain('totalInvestmentWan: Amounts cannot be negative');
  });
  it('refuses an end before the start', () => {
    const r = ProjectSchema.safeParse(project({ plannedCompletion: '2026-02-01' }));
    expect(messages(r)).toEqual(['plannedCompletion: 结束日期不能早于开始日期']);
  });
  it('refuses an unknown stage', () => {
    const r = ProjectSchema.safeParse(project({ stage: '建设中' }));
    expect(messages(r)[0]).toBe('stage: 未知的建设阶段');
  });
  it('refuses a day that does not exist', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    const r = ProjectSchema.safeParse(project({ plannedStart: '2026-02-30' }));
    expect(messages(r)).toEqual(['plannedStart: 没有这一天，请检查月份和日期']);
  });
  it('refuses cumulative investment that goes down', () => {
    const filed = { by: 'm1', at: 1 };
    const r = MonthlyReportSeriesSchema.safeParse([
      { month: '2026-01', completedWan: 100, cumulativeWan: 100, progress: '', issues: '', filed },
      { month: '2026-02', completedWan: 0, cumulativeWan: 80, progress: '', issues: '', filed },
    ]);
    expect(messages(r)).toEqual(['1.cumulativeWan: 累计完成投资不能比上月（2026-01：100 万元）少']);
  });
  it('accepts the default campaign and refuses a curve basis without a curve', () => {
    expect(CampaignSchema.safeParse(defaultCampaign(2026)).success).toBe(true);
    const r = CampaignSchema.safeParse({ ...defaultCampaign(2026), pace: { basis: 'curve' } });
    expect(messages(r, 'en')).toEqual(['pace.curve: A custom pace curve needs its 12 monthly shares']);
  });
  it('refuses a pace curve that goes down or ends short of 1, and stages out of pipeline order', () => {
    const keys = (value: unknown) => {
      const r = CampaignSchema.safeParse(value);
      return r.success ? [] : toFieldErrors(r.error).map((e) => `${e.path} ${e.key}`);
    };
    const curve = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
    expect(keys({ ...defaultCampaign(2026), pace: { basis: 'curve', curve } })).toEqual([]);
    const dipping = curve.map((v, i) => (i === 4 ? 0.25 : v));
    expect(keys({ ...defaultCampaign(2026), pace: { basis: 'curve', curve: dipping } })).toEqual(['pace.curve.4 err.pace.curveDecreasing']);
    const short = curve.map((v, i) => (i === 11 ? 0.99 : v));
    expect(keys({ ...defaultCampaign(2026), pace: { basis: 'curve', curve: short } })).toEqual(['pace.curve.11 err.pace.curveEnd']);
    expect(keys({ ...defaultCampaign(2026), stages: ['started', 'signed'] })).toEqual(['stages err.campaign.stageOrder']);
    expect(keys({ ...defaultCampaign(2026), stages: ['signed', 'signed'] })).toEqual(['stages err.campaign.stageOrder']);
  });
  it('refuses two reports of one month', () => {
    const filed = { by: 'm1', at: 1 };
    const report = (month: string, cumulativeWan: number) => ({ month, completedWan: 0, cumulativeWan, progress: '', issues: '', filed });
    const r = MonthlyReportSeriesSchema.safeParse([report('2026-02', 100), report('2026-01', 50), report('2026-02', 120)]);
    expect(r.success ? [] : toFieldErrors(r.error).map((e) => `${e.path} ${e.key}`)).toEqual(['2.month err.report.duplicateMonth']);
  });
});
