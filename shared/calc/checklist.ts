import type { Attribution, CalendarDate, Id, Month } from '../schema/common';
import type { Reminder } from '../schema/reminder';
import type { SummaryRow, TargetResult } from '../schema/summary';
import type { WorkspaceData } from '../schema/bundle';
import { addMonths, daysBetween, monthOf, yearOf } from './dates';
import { answersForProblem, mayConfirmRequest, problemResponsible } from '../rights';
import type { ChecklistItem, ChecklistState, RaisedProblem } from './checklist-item';
import { compareChecklistItems } from './checklist-order';
import { effectiveEscalation } from './escalation';
import { needsApprovalOn } from './report-window';

export type { ChecklistItem, ChecklistItemKind, ChecklistProblem, ChecklistState, RaisedProblem } from './checklist-item';

/**
 * "This month's report" as of a day: the report for month M is due on `reportDueDay` of M+1, so on any day of month
 * N the report people are chasing is the one for N−1. Until its due day it is merely unfiled; once the due day has
 * passed it is overdue. Only months of the campaign year count (in January, last year's December is another campaign).
 */
export function currentReportMonth(asOf: CalendarDate, reportDueDay: number): { month: Month; due: CalendarDate } {
  const month = addMonths(monthOf(asOf), -1);
  return { month, due: `${monthOf(asOf)}-${String(reportDueDay).padStart(2, '0')}` };
}

/**
 * The campaign-year months whose 月报 the project still owes as of the month chased now: that month when unfiled,
 * and every month missing between the project's first report and it (缺报, to back-file). Months before its first
 * report are not asked for: the project may not have been under way then.
 */
export function unfiledMonths(row: Pick<SummaryRow, 'completedByMonth'>, chased: Month, campaignYear: number): Month[] {
  if (yearOf(chased) !== campaignYear) return [];
  const filed = Object.keys(row.completedByMonth).filter((m) => yearOf(m) === campaignYear && m <= chased);
  const first = filed.sort()[0] ?? chased;
  const months: Month[] = [];
  for (let m = first; m <= chased; m = addMonths(m, 1)) if (row.completedByMonth[m] === undefined) months.push(m);
  return months;
}

/** The latest 催报 of each project and month (`${projectId}\u0000${month}`). */
/** The key of a project's month in `latestReminders`. */
export const reminderKey = (projectId: Id, month: Month): string => `${projectId}\u0000${month}`;

/** The latest 催报 of each project's month (by `reminderKey`), read once for a whole list. */
export function latestReminders(reminders: readonly Reminder[]): Map<string, Attribution> {
  const latest = new Map<string, Attribution>();
  for (const r of reminders) {
    for (const projectId of r.projectIds) {
      const key = reminderKey(projectId, r.month);
      const seen = latest.get(key);
      if (!seen || r.sent.at > seen.at) latest.set(key, r.sent);
    }
  }
  return latest;
}

function involves(row: SummaryRow, memberId: Id): boolean {
  return row.ownerId === memberId || row.leaderId === memberId || row.team.includes(memberId);
}

/** overdue, dueSoon or later for an item that is not done, by its due day. */
function dateState(due: CalendarDate, asOf: CalendarDate, dueSoonDays: number): { state: ChecklistState; daysOverdue: number } {
  const ahead = daysBetween(asOf, due);
  if (ahead < 0) return { state: 'overdue', daysOverdue: -ahead };
  return { state: ahead <= dueSoonDays ? 'dueSoon' : 'later', daysOverdue: 0 };
}

// The order lives in its own module so the popup's first paint can sort without the rest of calc (and zod).
export { compareChecklistItems } from './checklist-order';

/**
 * A member's checklist (the popup): milestones not done in projects they own, lead or are on the team of; open
 * problems they answer for (their 责任人, or the head of their 责任部门: 涉及哪个部门，就由哪个部门一把手负责), wherever the
 * project is; 销号 requests awaiting their confirmation (项目办, or 督查 when the campaign says so; never their own);
 * the unfiled 月报 (this month's, and months missing since the first report, to back-file) of projects they own or are
 * on the team of; their member-scope targets with their lights. Archived projects and targets are left out.
 */
export function memberChecklist(
  memberId: Id,
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  targets: readonly TargetResult[],
  asOf: CalendarDate,
): ChecklistItem[] {
  const { campaign } = workspace;
  const soon = campaign.lights.dueSoonDays;
  const items: ChecklistItem[] = [];
  const report = currentReportMonth(asOf, campaign.reportDueDay);
  const reminded = latestReminders(workspace.reminders ?? []);
  const me = workspace.members.find((m) => m.id === memberId);
  const role = me?.role ?? null;
  const mayConfirm = (requestedBy: string): boolean =>
    me !== undefined && !me.archived && mayConfirmRequest(memberId, me.role, me.inspector === true, campaign.problemClosure, requestedBy);

  for (const row of rows) {
    if (row.archived) continue;
    const project = { projectId: row.projectId, projectName: row.name };
    if (involves(row, memberId)) {
      for (const m of row.milestones) {
        if (m.doneOn !== null) continue;
        const e = effectiveEscalation({ deadline: m.dueDate, manual: 'assigned', open: true }, asOf, campaign.escalation);
        items.push({ kind: 'milestone', ...project, recordId: m.id, title: m.title, due: m.dueDate, ...dateState(m.dueDate, asOf, soon), escalation: e.level });
      }
    }
    for (const p of row.problems) {
      if (p.status === 'resolved') continue;
      const responsible = answersForProblem(memberId, p, workspace.units, row.ownerId);
      const toConfirm = p.status === 'closeRequested' && mayConfirm(p.requestedBy ?? '');
      if (!responsible && !toConfirm) continue;
      const e = effectiveEscalation({ deadline: p.deadline, manual: p.escalation, open: true }, asOf, campaign.escalation);
      items.push({
        kind: 'problem',
        ...project,
        recordId: p.id,
        title: p.description,
        due: p.deadline,
        ...dateState(p.deadline, asOf, soon),
        escalation: e.level,
        problem: { status: p.status, duty: toConfirm ? 'confirm' : 'responsible' },
      });
    }
    // the owner and the team file (a 联系领导 may, but is not chased for it)
    if (row.ownerId === memberId || row.team.includes(memberId)) {
      for (const month of unfiledMonths(row, report.month, campaign.year)) {
        const due = `${addMonths(month, 1)}-${String(campaign.reportDueDay).padStart(2, '0')}`;
        const e = effectiveEscalation({ deadline: due, manual: 'assigned', open: true }, asOf, campaign.escalation);
        const late = dateState(due, asOf, soon);
        items.push({
          kind: 'report',
          ...project,
          recordId: `${row.projectId}:${month}`,
          title: row.name,
          due,
          state: late.state === 'overdue' ? 'overdue' : 'unfiled',
          daysOverdue: late.daysOverdue,
          escalation: e.level,
          month,
          ...(reminded.has(reminderKey(row.projectId, month)) ? { reminded: reminded.get(reminderKey(row.projectId, month)) } : {}),
          ...(needsApprovalOn(month, asOf, role, campaign) ? { needsApproval: true } : {}),
        });
      }
    }
  }

  const results = new Map(targets.map((r) => [r.targetId, r]));
  for (const target of workspace.targets) {
    if (target.archived || target.scope.kind !== 'member' || target.scope.memberId !== memberId) continue;
    const result = results.get(target.id);
    // A quota falls due on its own deadline (11月30日), any other target at the end of its period.
    const due = target.metric.kind === 'memberQuota' ? target.metric.deadline : target.end;
    const standing = result?.met ? { state: 'later' as const, daysOverdue: 0 } : dateState(due, asOf, soon);
    items.push({
      kind: 'target',
      recordId: target.id,
      title: target.title,
      due,
      ...standing,
      escalation: null,
      ...(result ? { light: result.light } : {}),
    });
  }

  return items.sort(compareChecklistItems);
}

/**
 * "Problems I raised": every problem the member raised in a non-archived project, still open first (highest level,
 * earliest deadline), then the closed ones, so the reporter follows what became of them.
 */
export function problemsRaisedBy(
  memberId: Id,
  workspace: Pick<WorkspaceData, 'units' | 'campaign'>,
  rows: readonly SummaryRow[],
  asOf: CalendarDate,
): RaisedProblem[] {
  const out: RaisedProblem[] = [];
  for (const row of rows) {
    if (row.archived) continue;
    for (const p of row.problems) {
      if (p.raisedBy !== memberId) continue;
      const open = p.status !== 'resolved';
      const e = effectiveEscalation({ deadline: p.deadline, manual: p.escalation, open, closedOn: p.resolvedOn }, asOf, workspace.campaign.escalation);
      out.push({
        projectId: row.projectId,
        projectName: row.name,
        recordId: p.id,
        title: p.description,
        deadline: p.deadline,
        status: p.status,
        escalation: e.level,
        responsibleId: problemResponsible(p, workspace.units, row.ownerId),
      });
    }
  }
  const rank = (p: RaisedProblem): number => (p.status === 'resolved' ? 1 : 0);
  const level = { assigned: 0, reminded: 1, supervised: 2 } as const;
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      level[b.escalation] - level[a.escalation] ||
      (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0) ||
      (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
  );
}

/** The toolbar badge: how many items are overdue or were chased by the 项目办 (催报) before they were. */
export function overdueCount(checklist: readonly ChecklistItem[]): number {
  return checklist.filter((item) => item.state === 'overdue' || item.reminded !== undefined).length;
}
