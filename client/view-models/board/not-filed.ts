import { currentReportMonth, latestReminders, reminderKey } from '../../../shared/calc/checklist';
import { yearOf } from '../../../shared/calc/dates';
import type { Attribution, CalendarDate, Id, Month } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

export interface NotFiledLine {
  projectId: Id;
  projectName: string;
  ownerName: string;
  unitId: Id | null;
  unitName: string;
  /** Who files it: the owner and the team (催报 reaches them). */
  filerIds: Id[];
  /** The latest 催报 of this project for the month, if the 项目办 sent one. */
  reminded: Attribution | null;
}

/** A 催报 to send: the month, the unit (null: everyone), the projects still missing and the members who file them. */
export interface RemindRequest {
  month: Month;
  unitId: Id | null;
  projectIds: Id[];
  memberIds: Id[];
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
  const reminded = latestReminders(workspace.reminders ?? []);
  const lines = inCampaign
    ? rows
        .filter((r) => !r.archived && r.completedByMonth[month] === undefined)
        .map((r) => ({
          projectId: r.projectId,
          projectName: r.name,
          ownerName: r.ownerId ? (members.get(r.ownerId) ?? '') : '',
          unitId: r.unitId,
          unitName: r.unitId ? (units.get(r.unitId) ?? '') : '',
          filerIds: [...new Set([...(r.ownerId ? [r.ownerId] : []), ...r.team])],
          reminded: reminded.get(reminderKey(r.projectId, month)) ?? null,
        }))
        .sort((a, b) => byText(a.unitName, b.unitName) || byText(a.projectName, b.projectName) || byText(a.projectId, b.projectId))
    : [];
  return { month, due, inCampaign, lines };
}

/** The 催报 of everyone still missing the month's 月报 (unitId null), or of one unit's projects; null when nobody is. */
export function remindRequest(list: NotFiledList, unitId: Id | null): RemindRequest | null {
  const lines = list.lines.filter((l) => unitId === null || l.unitId === unitId);
  if (!list.inCampaign || lines.length === 0) return null;
  return {
    month: list.month,
    unitId,
    projectIds: lines.map((l) => l.projectId).sort(),
    memberIds: [...new Set(lines.flatMap((l) => l.filerIds))].sort(),
  };
}

/** The units with a missing 月报, for choosing one to remind: id and name, by name. */
export function unitsNotFiled(list: NotFiledList): { id: Id; name: string; count: number }[] {
  const units = new Map<Id, { id: Id; name: string; count: number }>();
  for (const l of list.lines) {
    if (l.unitId === null) continue;
    const u = units.get(l.unitId) ?? { id: l.unitId, name: l.unitName, count: 0 };
    u.count += 1;
    units.set(l.unitId, u);
  }
  return [...units.values()].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
}
