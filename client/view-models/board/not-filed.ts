import { currentReportMonth } from '../../../shared/calc/checklist';
import { yearOf } from '../../../shared/calc/dates';
import type { CalendarDate, Id, Month } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

export interface NotFiledLine {
  projectId: Id;
  projectName: string;
  ownerName: string;
  unitName: string;
}

export interface NotFiledList {
  /** The month whose 月报 people are chasing as of the day (last month). */
  month: Month;
  due: CalendarDate;
  /** False in January, when the month chased belongs to last year's campaign. */
  inCampaign: boolean;
  lines: NotFiledLine[];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Who has not filed this month's 月报: active projects without a figure for the month, by unit then project. */
export function notFiledThisMonth(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate): NotFiledList {
  const { month, due } = currentReportMonth(asOf, workspace.campaign.reportDueDay);
  const inCampaign = yearOf(month) === workspace.campaign.year;
  const members = new Map(workspace.members.map((m) => [m.id, m.name]));
  const units = new Map(workspace.units.map((u) => [u.id, u.name]));
  const lines = inCampaign
    ? rows
        .filter((r) => !r.archived && r.completedByMonth[month] === undefined)
        .map((r) => ({
          projectId: r.projectId,
          projectName: r.name,
          ownerName: r.ownerId ? (members.get(r.ownerId) ?? '') : '',
          unitName: r.unitId ? (units.get(r.unitId) ?? '') : '',
        }))
        .sort((a, b) => byText(a.unitName, b.unitName) || byText(a.projectName, b.projectName) || byText(a.projectId, b.projectId))
    : [];
  return { month, due, inCampaign, lines };
}
