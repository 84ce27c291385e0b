import { describe, expect, it } from 'vitest';
import { describeFieldErrors } from '../../../shared/i18n';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { reportSeriesProblems } from '../../../shared/model/report-series';
import { alice, bob, newProject, replicaOf, sync } from './fixtures';

describe('the 月报 series read as a whole', () => {
  it('is fine when every month was filed in order', () => {
    const doc = newProject();
    expect(fileMonthlyReport(doc, { month: '2026-01', completedWan: 100, progress: '', issues: '' }, alice).ok).toBe(true);
    expect(fileMonthlyReport(doc, { month: '2026-02', completedWan: 50, progress: '', issues: '' }, alice).ok).toBe(true);
    expect(reportSeriesProblems(readProjectDoc(doc).reports)).toEqual([]);
  });

  it('flags a cumulative that goes down after two offline filings merge, naming the month', () => {
    const a = newProject();
    const b = replicaOf(a);
    // Offline, Alice files January with 300 万元; Bob, who sees no January, files February as 120 cumulative.
    expect(fileMonthlyReport(a, { month: '2026-01', completedWan: 300, progress: '', issues: '' }, alice).ok).toBe(true);
    expect(fileMonthlyReport(b, { month: '2026-02', cumulativeWan: 120, progress: '', issues: '' }, bob).ok).toBe(true);
    sync(a, b);
    const read = readProjectDoc(a);
    expect(read.reports.every((r) => r.ok)).toBe(true); // each record is valid on its own
    const problems = reportSeriesProblems(read.reports);
    expect(problems).toHaveLength(1);
    expect(describeFieldErrors(problems, 'zh-CN')).toEqual(['2026-02.cumulativeWan: 累计完成投资不能比上月（2026-01：300 万元）少']);
    expect(reportSeriesProblems(readProjectDoc(b).reports)).toEqual(problems);
  });
});
