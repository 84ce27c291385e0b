import type { SummaryRow } from '../../shared/schema/summary';

/**
 * The server's word on when each 月报 version arrived (SPEC §3 window rule, shared/calc/report-window.ts). A replica
 * names its own filing time, which a crafted update can backdate; the server stamps the time it first derived a
 * version. A version already in the previous row (same filer, same time and the same figures) keeps its stamp; any
 * other is a new version and is stamped `now` — new figures sent under the old `filed` (both are the client's words)
 * are a new version too, judged by when they arrived. A project's first row (a project created, imported or seeded with its history) and rows stored before
 * versions were tracked (no `reportFiling`) are not stamped: that history arrived all at once, or under the old
 * rules, and is judged by its own filing times.
 */
export function stampReportReceipts(row: SummaryRow, previous: SummaryRow | null, now: number): SummaryRow {
  if (!row.reportFiling || previous?.reportFiling === undefined) return row;
  const reportFiling: NonNullable<SummaryRow['reportFiling']> = {};
  for (const [month, filing] of Object.entries(row.reportFiling)) {
    const seen = previous.reportFiling[month];
    const same =
      seen !== undefined &&
      seen.filed.by === filing.filed.by &&
      seen.filed.at === filing.filed.at &&
      seen.cumulativeWan === filing.cumulativeWan &&
      previous.completedByMonth[month] === row.completedByMonth[month];
    const receivedAt = same ? seen.receivedAt : now;
    reportFiling[month] = receivedAt === undefined ? filing : { ...filing, receivedAt };
  }
  return { ...row, reportFiling };
}
