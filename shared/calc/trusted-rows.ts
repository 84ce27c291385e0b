import type { WorkspaceData } from '../schema/bundle';
import { lateFilingFlags } from './report-window';
import type { Id } from '../schema/common';
import type { RegistryEntry } from '../schema/registry';
import type { ReportFlag } from '../schema/review';
import type { SummaryRow } from '../schema/summary';

/**
 * What targets and rankings count: the summary rows as derived, minus what waits for the 项目办's 审核. This is the one
 * place the rule lives; evaluateTarget(s) and rankUnits/rankMembers apply it to whatever rows they are given.
 *
 * - A flagged 月报 figure (row.reportFlags) whose exact figures no review confirms counts 0 for its month. The month
 *   stays filed and its raw figure stays on the board; nothing is put in its place (no estimate from the plan or the
 *   neighbouring months), so a faked figure can delay credit but never create it. Other months count as filed: each
 *   本月完成投资 stands on its own. Once a review confirms the very figures, the month counts them; a changed figure is
 *   flagged afresh and needs a new confirmation.
 * - A 月报 filed, back-filed or corrected by a member after its month's window (shared/calc/report-window.ts) is
 *   flagged the same way: a request that counts 0 until the 项目办 approves (confirms) its very figures.
 * - A project the server registered from a member's offline-created document (registry `confirmed: false`) counts as
 *   its creator's own project only: owner = the creator (the registry's owner), no 联系领导, no team, no attracted-by
 *   member, until a registration review confirms them. Its unit and its (trusted) figures still count for the unit and
 *   the workspace.
 */

/** `${projectId} ${month} ${completedWan} ${cumulativeWan}` of every figure a live review confirms. */
function confirmedFigures(workspace: WorkspaceData): Set<string> {
  const keys = new Set<string>();
  for (const review of workspace.reviews ?? []) {
    if (review.kind === 'report' && !review.archived) keys.add(figureKey(review.projectId, review));
  }
  return keys;
}

function figureKey(projectId: Id, figure: Pick<ReportFlag, 'month' | 'completedWan' | 'cumulativeWan'>): string {
  return `${projectId}\u0000${figure.month}\u0000${figure.completedWan}\u0000${figure.cumulativeWan}`;
}

/** True for a registry line the server registered from a member's document and no 项目办 has confirmed yet. */
export function awaitsRegistrationReview(entry: Pick<RegistryEntry, 'confirmed'>): boolean {
  return entry.confirmed === false;
}

/** The registry lines still awaiting their registration review, by project id. */
function pendingRegistrations(workspace: WorkspaceData): Map<Id, RegistryEntry> {
  return new Map(workspace.registry.filter(awaitsRegistrationReview).map((e) => [e.id, e]));
}

/**
 * Every flag on the row's figures: the plausibility flags the row carries and the late filings the campaign's window
 * makes requests (shared/calc/report-window.ts); a month with both is one flag with both reasons.
 */
export function figureFlags(row: SummaryRow, workspace: Pick<WorkspaceData, 'campaign' | 'members'>): ReportFlag[] {
  const late = lateFilingFlags(row, workspace);
  if (late.length === 0) return row.reportFlags ?? [];
  const byMonth = new Map((row.reportFlags ?? []).map((f) => [f.month, f]));
  for (const flag of late) {
    const seen = byMonth.get(flag.month);
    byMonth.set(flag.month, seen ? { ...seen, reasons: [...seen.reasons, ...flag.reasons] } : flag);
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/** The row's flagged figures no review confirms yet (what the board lists for 审核). */
export function unconfirmedFlags(row: SummaryRow, workspace: WorkspaceData): ReportFlag[] {
  const flags = figureFlags(row, workspace);
  if (flags.length === 0) return [];
  const confirmed = confirmedFigures(workspace);
  return flags.filter((f) => !confirmed.has(figureKey(row.projectId, f)));
}

function trustedRow(row: SummaryRow, workspace: WorkspaceData, confirmed: ReadonlySet<string>, pending: ReadonlyMap<Id, RegistryEntry>): SummaryRow {
  let out = row;
  const unconfirmed = figureFlags(row, workspace).filter((f) => !confirmed.has(figureKey(row.projectId, f)));
  if (unconfirmed.length > 0) {
    const completedByMonth = { ...row.completedByMonth };
    for (const flag of unconfirmed) if (flag.month in completedByMonth) completedByMonth[flag.month] = 0;
    out = { ...out, completedByMonth };
  }
  const entry = pending.get(row.projectId);
  if (entry) out = { ...out, ownerId: entry.ownerId, leaderId: null, team: [], attractedById: null };
  return out;
}

/**
 * The rows as targets and rankings count them (see the rule above); rows with nothing to hold back are the same
 * objects. One pass over the rows, like the row index every evaluation builds anyway.
 */
export function trustedRows(rows: readonly SummaryRow[], workspace: WorkspaceData): SummaryRow[] {
  const confirmed = confirmedFigures(workspace);
  const pending = pendingRegistrations(workspace);
  return rows.map((row) => trustedRow(row, workspace, confirmed, pending));
}
