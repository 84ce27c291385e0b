import { useMemo } from 'react';
import { addMonths, endOfMonth, minDate, monthOf, monthsInRange, yearOf, yearRange } from '../../shared/calc/dates';
import { toWorkspaceData } from '../../shared/model/bundles';
import { validValues } from '../../shared/model/result';
import type { SummaryRead } from '../../shared/model/summary';
import type { WorkspaceRead } from '../../shared/model/workspace-read';
import type { CalendarDate, Month } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import { deriveBoard, type BoardData } from '../../client/view-models/board/board-data';
import type { InvalidItem } from '../../client/view-models/board/board-content';
import { filterRows, NO_FILTER, type BoardFilter } from '../../client/view-models/board/board-filter';

export interface BoardModel {
  workspace: WorkspaceData | null;
  /** Every valid row (the circular, 审核 and the search look at all of them). */
  rows: SummaryRow[];
  /** The rows the board's filter keeps: what the sections compute from. */
  shown: readonly SummaryRow[];
  filter: BoardFilter;
  data: BoardData | null;
  invalid: InvalidItem[];
  /** Months of the campaign year up to the board's day: the circular and the export pick one. */
  months: Month[];
  /** Last month (the 月报 being chased), or this month in January. */
  defaultMonth: Month;
}

function invalidItems(workspace: WorkspaceRead, summary: SummaryRead): InvalidItem[] {
  const out: InvalidItem[] = [];
  const reads = [
    workspace.meta,
    workspace.campaign,
    ...workspace.units,
    ...workspace.members,
    ...workspace.targets,
    ...workspace.registry,
    ...workspace.reviews,
    ...summary.rows,
  ];
  for (const r of reads) if (!r.ok) out.push({ id: r.id, reasons: r.reasons });
  return out;
}

/**
 * Everything the board shows (nothing while the documents are not read yet), derived once per change: the doc stores
 * keep a snapshot's identity until the document changes, so typing in a filter or opening a project never recomputes
 * targets, themes or the dispatch list.
 */
export function useBoard(workspace: WorkspaceRead | null, summary: SummaryRead | null, asOf: CalendarDate, filter: BoardFilter = NO_FILTER): BoardModel {
  const data = useMemo(() => (workspace ? toWorkspaceData(workspace).data : null), [workspace]);
  const rows = useMemo(() => (summary ? validValues(summary.rows) : []), [summary]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  // Nothing is derived before both documents are read: a board without its summary would show every count as 0.
  const derived = useMemo(() => (data && summary ? deriveBoard(data, rows, asOf, filter) : null), [data, summary, rows, asOf, filter]);
  const invalid = useMemo(() => (workspace && summary ? invalidItems(workspace, summary) : []), [workspace, summary]);
  const calendar = useMemo(() => {
    const year = data?.campaign.year ?? yearOf(asOf);
    const range = yearRange(year);
    const end = minDate(endOfMonth(asOf < range.start ? range.start : asOf), range.end);
    const months = monthsInRange({ start: range.start, end });
    const last = addMonths(monthOf(asOf), -1);
    const fallback = months[months.length - 1] ?? monthOf(range.start);
    return { months, defaultMonth: months.includes(last) ? last : fallback };
  }, [data, asOf]);
  // One object per change, so a deferred copy of the model (the rankings' pass) follows real changes only.
  return useMemo(
    () => ({ workspace: data, rows, shown, filter, data: derived, invalid, ...calendar }),
    [data, rows, shown, filter, derived, invalid, calendar],
  );
}
