import { shanghaiDate } from '../format';
import type { Month } from '../schema/common';
import type { MonthlyReport } from '../schema/monthly-report';
import type { ProjectBundle } from '../schema/bundle';
import type { ReportFiling, SummaryMilestone, SummaryProblem, SummaryRow } from '../schema/summary';
import { reportFlags } from './plausibility';

/**
 * One report per month: a project document written by two replicas offline can hold two reports for the same month;
 * the one filed last wins (ties keep the first), as the person who filed it last would expect.
 */
export function reportsByMonth(reports: readonly MonthlyReport[]): Map<Month, MonthlyReport> {
  const byMonth = new Map<Month, MonthlyReport>();
  for (const report of reports) {
    const seen = byMonth.get(report.month);
    if (!seen || report.filed.at > seen.filed.at) byMonth.set(report.month, report);
  }
  return byMonth;
}

/** The report of the latest month, or undefined when nothing was filed. */
export function latestReport(reports: readonly MonthlyReport[]): MonthlyReport | undefined {
  let latest: MonthlyReport | undefined;
  for (const report of reportsByMonth(reports).values()) {
    if (!latest || report.month > latest.month) latest = report;
  }
  return latest;
}

/** A month's filing as the row carries it: who filed this version when, and what it corrected. */
function filingOf(report: MonthlyReport): ReportFiling {
  const revisions = report.revisions ?? [];
  const last = revisions.at(-1);
  return {
    filed: { ...report.filed },
    cumulativeWan: report.cumulativeWan,
    corrections: revisions.length,
    previous: last ? { completedWan: last.completedWan, cumulativeWan: last.cumulativeWan, filed: { ...last.filed } } : null,
  };
}

/** The latest instant anything in the bundle was written, archived records included (archiving is a write too). */
function lastWrite(bundle: ProjectBundle): number {
  const times = [bundle.project.updated.at, bundle.project.created.at];
  for (const m of bundle.milestones) times.push(m.created.at, m.done?.at ?? 0);
  for (const p of bundle.problems) times.push(p.raised.at, p.resolution?.at ?? 0, p.request?.at ?? 0, p.returned?.at ?? 0, p.progress?.at ?? 0);
  for (const r of bundle.reports) times.push(r.filed.at);
  return Math.max(...times);
}

/**
 * The board's row for one project, derived from the project document's data. Archived milestones and problems are
 * left out (deleting is archiving); `invalidRecords` counts what the caller could not validate.
 */
export function summaryRow(bundle: ProjectBundle, invalidRecords = 0): SummaryRow {
  const { project } = bundle;
  const byMonth = reportsByMonth(bundle.reports);
  const completedByMonth: Record<Month, number> = {};
  const reportFiling: Record<Month, ReportFiling> = {};
  for (const [month, report] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
    completedByMonth[month] = report.completedWan;
    reportFiling[month] = filingOf(report);
  }
  const latest = latestReport(bundle.reports);
  const flags = reportFlags(project, [...byMonth.values()]);

  const milestones: SummaryMilestone[] = bundle.milestones
    .filter((m) => !m.archived)
    .sort((a, b) => a.order - b.order || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
    .map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneOn: m.done ? shanghaiDate(m.done.at) : null }));

  const problems: SummaryProblem[] = bundle.problems
    .filter((p) => !p.archived)
    .map((p) => ({
      id: p.id,
      description: p.description,
      departmentId: p.departmentId,
      ownerId: p.ownerId,
      deadline: p.deadline,
      status: p.status,
      escalation: p.escalation,
      raisedOn: shanghaiDate(p.raised.at),
      resolvedOn: p.resolution ? shanghaiDate(p.resolution.at) : null,
      raisedBy: p.raised.by,
      requestedBy: p.status === 'closeRequested' ? (p.request?.by ?? null) : null,
      progressOn: p.progress ? shanghaiDate(p.progress.at) : null,
    }));

  return {
    projectId: project.id,
    code: project.code,
    name: project.name,
    category: project.category,
    kind: project.kind,
    source: project.source,
    keyLevel: project.keyLevel,
    unitId: project.unitId,
    serviceUnitId: project.serviceUnitId,
    countyId: project.countyId,
    leaderId: project.leaderId,
    ownerId: project.ownerId,
    team: [...project.team],
    attractedById: project.attractedById,
    totalInvestmentWan: project.totalInvestmentWan,
    annualPlanWan: project.annualPlanWan,
    plannedStart: project.plannedStart,
    plannedCompletion: project.plannedCompletion,
    stage: project.stage,
    stageDates: { ...project.stageDates },
    completedByMonth,
    cumulativeWan: latest?.cumulativeWan ?? 0,
    lastReportMonth: latest?.month ?? null,
    // Raw figures stay above; the flags say which of them wait for 审核 before targets and rankings count them.
    ...(flags.length > 0 ? { reportFlags: flags } : {}),
    content: project.content,
    ...(byMonth.size > 0 ? { reportFiling } : {}),
    // An empty progress line in the latest report says nothing new: the project's own 形象进度 note stands.
    progress: latest && latest.progress.trim() !== '' ? latest.progress : project.progressNote,
    ...(latest ? { issues: latest.issues } : {}),
    milestones,
    problems,
    invalidRecords: Math.max(0, Math.floor(invalidRecords)),
    archived: project.archived,
    updatedAt: lastWrite(bundle),
  };
}
