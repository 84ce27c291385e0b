import { currentTheme, themeChecks, type ThemeCheck } from '../../../shared/calc/themes';
import { escalationList, type DispatchItem } from '../../../shared/calc/escalation';
import { evaluateTargets } from '../../../shared/calc/targets';
import type { QuarterTheme } from '../../../shared/schema/campaign';
import type { CalendarDate } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import { filterRows, filterTargetLines, NO_FILTER, type BoardFilter } from './board-filter';
import { notFiledThisMonth, type NotFiledList } from './not-filed';
import { problemsByDepartment, type DepartmentProblems } from './problem-groups';
import { targetLines, type TargetLine } from './target-lines';

/** What the first paint of the board needs, computed once per change of the workspace or the summary. */
export interface BoardData {
  asOf: CalendarDate;
  targets: TargetLine[];
  current: { quarter: number; theme: QuarterTheme } | null;
  themes: ThemeCheck[];
  dispatch: DispatchItem[];
  problemGroups: DepartmentProblems[];
  notFiled: NotFiledList;
}

/**
 * Targets are judged here as of the board's day from the summary rows (the same arithmetic the server runs), so the
 * numbers stay current offline and between the server's daily recomputations. Targets and themes are judged on every
 * row (a goal is the city's, a county's or a person's whatever the board filters), and the filter keeps the lines
 * that speak about the projects shown; the dispatch list, problems and 月报 not filed are the filtered projects'.
 */
export function deriveBoard(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate, filter: BoardFilter = NO_FILTER): BoardData {
  const active = rows.filter((r) => !r.archived);
  const shown = filterRows(active, filter);
  const results = evaluateTargets(workspace, active, asOf);
  const dispatch = escalationList(shown, asOf, workspace.campaign.escalation, workspace.units);
  return {
    asOf,
    targets: [...filterTargetLines(targetLines(workspace, results), filter)],
    current: currentTheme(workspace.campaign, asOf),
    themes: themeChecks(workspace, active, asOf),
    dispatch,
    problemGroups: problemsByDepartment(dispatch, workspace),
    notFiled: notFiledThisMonth(workspace, shown, asOf),
  };
}
