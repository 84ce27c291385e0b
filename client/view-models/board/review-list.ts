import { awaitsRegistrationReview, unconfirmedFlags } from '../../../shared/calc/trusted-rows';
import { reportWindowCloses } from '../../../shared/calc/report-window';
import type { Attribution, CalendarDate, Id } from '../../../shared/schema/common';
import type { ReportFlag } from '../../../shared/schema/review';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** One flagged 月报 figure awaiting 审核: the raw figures, who filed them, and why they were flagged. */
export interface ReportReviewItem {
  kind: 'report';
  key: string;
  projectId: Id;
  projectName: string;
  totalInvestmentWan: number;
  annualPlanWan: number;
  flag: ReportFlag;
  /** The last day the month could be filed or corrected without approval (for a late filing's reason). */
  windowCloses: CalendarDate;
  /** The version this figure corrected (更正), when it is a correction. */
  replaces: { completedWan: number; filed: Attribution } | null;
}

/**
 * A project the server registered from a member's document, awaiting 审核: what the project says of its leader, team
 * and attracted-by member (what will count once confirmed), and who created it (its owner).
 */
export interface RegistrationReviewItem {
  kind: 'registration';
  key: string;
  projectId: Id;
  projectName: string;
  creatorId: Id | null;
  leaderId: Id | null;
  team: Id[];
  attractedById: Id | null;
}

export type ReviewItem = ReportReviewItem | RegistrationReviewItem;

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What the 项目办 has to review (审核), by project then month: every unconfirmed flagged figure of an active project and
 * every registration awaiting confirmation. Confirmed items leave the list as soon as the review is in the workspace.
 */
export function reviewItems(workspace: WorkspaceData, rows: readonly SummaryRow[]): ReviewItem[] {
  const items: ReviewItem[] = [];
  const rowById = new Map(rows.map((r) => [r.projectId, r]));
  for (const row of rows) {
    if (row.archived) continue;
    for (const flag of unconfirmedFlags(row, workspace)) {
      items.push({
        kind: 'report',
        key: `report/${row.projectId}/${flag.month}`,
        projectId: row.projectId,
        projectName: row.name,
        totalInvestmentWan: row.totalInvestmentWan,
        annualPlanWan: row.annualPlanWan,
        flag,
        windowCloses: reportWindowCloses(flag.month, workspace.campaign),
        replaces: row.reportFiling?.[flag.month]?.previous ?? null,
      });
    }
  }
  for (const entry of workspace.registry) {
    if (entry.archived || !awaitsRegistrationReview(entry)) continue;
    // The row says what the project names now (and what counts once confirmed); before its first row, the registry line.
    const row = rowById.get(entry.id);
    items.push({
      kind: 'registration',
      key: `registration/${entry.id}`,
      projectId: entry.id,
      projectName: row?.name ?? entry.name,
      creatorId: entry.ownerId,
      leaderId: row ? row.leaderId : entry.leaderId,
      team: [...(row ? row.team : entry.team)],
      attractedById: row?.attractedById ?? null,
    });
  }
  return items.sort((a, b) => byText(a.projectName, b.projectName) || byText(a.key, b.key));
}
