import { shanghaiDate } from '../format';
import type { Campaign, ReportRules } from '../schema/campaign';
import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id, Month } from '../schema/common';
import type { Role } from '../schema/member';
import type { ReportFlag } from '../schema/review';
import type { ReportFiling, SummaryRow } from '../schema/summary';
import { addMonths } from './dates';

/**
 * The 月报 window (SPEC §3, set by the 项目办 in the campaign): a month's report may be filed, back-filed (补报) or
 * corrected (更正) until `correctionUntilDay` of the following month, Asia/Shanghai. After that, when the campaign says
 * so, a member's filing is a request: the board shows it, and targets and rankings count it only once the 项目办
 * approves it (审核, shared/calc/trusted-rows.ts). A 项目办's own filing needs no approval.
 */

/**
 * The campaign's 月报 window rules; a campaign set up before they existed closes the window on the due day. The window
 * never closes before the due day (a due day moved later carries the window with it).
 */
export function reportRules(campaign: Pick<Campaign, 'reportDueDay' | 'reports'>): ReportRules {
  const rules = campaign.reports ?? { correctionUntilDay: campaign.reportDueDay, lateNeedsApproval: true };
  return { ...rules, correctionUntilDay: Math.max(rules.correctionUntilDay, campaign.reportDueDay) };
}

/** The last day (inclusive) on which the month's 月报 may be filed or corrected without approval. */
export function reportWindowCloses(month: Month, campaign: Pick<Campaign, 'reportDueDay' | 'reports'>): CalendarDate {
  const day = reportRules(campaign).correctionUntilDay;
  return `${addMonths(month, 1)}-${String(day).padStart(2, '0')}`;
}

/** True when a filing made at `at` (epoch ms) for `month` falls after the month's window. */
export function isAfterWindow(month: Month, at: number, campaign: Pick<Campaign, 'reportDueDay' | 'reports'>): boolean {
  return shanghaiDate(at) > reportWindowCloses(month, campaign);
}

/**
 * When a filing counts as made: the later of the time it claims and, where a server saw it arrive, its arrival. A
 * replica's clock (or a crafted update) can name any time; the server's receipt cannot be backdated.
 */
export function filingTime(filing: Pick<ReportFiling, 'filed' | 'receivedAt'>): number {
  return Math.max(filing.filed.at, filing.receivedAt ?? 0);
}

/** Whether a filing by `role` made at `at` for `month` waits for the 项目办's approval under the campaign's rules. */
export function needsApproval(month: Month, at: number, role: Role | null, campaign: Pick<Campaign, 'reportDueDay' | 'reports'>): boolean {
  return needsApprovalOn(month, shanghaiDate(at), role, campaign);
}

/** `needsApproval` for a filing made on `day` (Asia/Shanghai): what the checklist offers as of a day. */
export function needsApprovalOn(month: Month, day: CalendarDate, role: Role | null, campaign: Pick<Campaign, 'reportDueDay' | 'reports'>): boolean {
  return role !== 'admin' && reportRules(campaign).lateNeedsApproval && day > reportWindowCloses(month, campaign);
}

/** The row's months filed after their window by someone other than the 项目办: flags awaiting approval. */
export function lateFilingFlags(row: SummaryRow, workspace: Pick<WorkspaceData, 'campaign' | 'members'>): ReportFlag[] {
  if (!row.reportFiling) return [];
  const roles = new Map<Id, Role>(workspace.members.map((m) => [m.id, m.role]));
  const flags: ReportFlag[] = [];
  for (const [month, filing] of Object.entries(row.reportFiling)) {
    const completedWan = row.completedByMonth[month];
    if (completedWan === undefined) continue;
    if (!needsApproval(month, filingTime(filing), roles.get(filing.filed.by) ?? null, workspace.campaign)) continue;
    flags.push({ month, completedWan, cumulativeWan: filing.cumulativeWan, filed: filing.filed, reasons: ['filedLate'], previous: null });
  }
  return flags;
}
