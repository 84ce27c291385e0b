import { ESCALATION_LEVELS } from '../schema/problem';
import type { CalendarDate, Id } from '../schema/common';
import type { EscalationLevel, Problem } from '../schema/problem';
import type { EscalationRules } from '../schema/campaign';
import type { SummaryRow } from '../schema/summary';
import type { Unit } from '../schema/unit';
import { problemResponsible } from '../rights';
import { daysBetween } from './dates';
import { answeringUnitId } from './rates';

/** An item that can climb 交办 → 提醒 → 督办: a problem or a milestone. */
export interface EscalationSubject {
  deadline: CalendarDate;
  /** The level set by hand (督办 may be ordered before the rules get there). */
  manual: EscalationLevel;
  /** Open problem (not resolved) or milestone not done. */
  open: boolean;
  /** The day it was closed (销号 / ticked): a closed item keeps the level it had reached that day. */
  closedOn?: CalendarDate | null;
}

export interface EffectiveEscalation {
  level: EscalationLevel;
  /** True while the item is open and past its deadline: it is still climbing or sits at 督办. */
  escalating: boolean;
  /** Days past the deadline as of the day (0 when not past it). */
  daysOverdue: number;
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function levelRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

function higher(a: EscalationLevel, b: EscalationLevel): EscalationLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/**
 * The level the rules give `daysOverdue` days past a deadline. Nothing climbs on the deadline day itself: an item
 * must be at least one day late, so `remindAfterDays: 0` means "提醒 as soon as it is late".
 */
export function ruleLevel(daysOverdue: number, rules: EscalationRules): EscalationLevel {
  if (daysOverdue < 1) return 'assigned';
  if (daysOverdue >= rules.superviseAfterDays) return 'supervised';
  if (daysOverdue >= rules.remindAfterDays) return 'reminded';
  return 'assigned';
}

/**
 * The effective level of an item as of `asOf`: the higher of the hand-set level and what the rules give for the days
 * past its deadline. A closed item is judged on the day it was closed (or, without that day, keeps its hand-set level)
 * and is never escalating.
 */
export function effectiveEscalation(subject: EscalationSubject, asOf: CalendarDate, rules: EscalationRules): EffectiveEscalation {
  if (!subject.open) {
    const closedLate = subject.closedOn ? Math.max(0, daysBetween(subject.deadline, subject.closedOn)) : 0;
    return { level: higher(subject.manual, ruleLevel(closedLate, rules)), escalating: false, daysOverdue: 0 };
  }
  const daysOverdue = Math.max(0, daysBetween(subject.deadline, asOf));
  return { level: higher(subject.manual, ruleLevel(daysOverdue, rules)), escalating: daysOverdue > 0, daysOverdue };
}

/** 三色督办单: 交办 is a blue slip, 提醒 yellow, 督办 red. */
export type SupervisionColour = 'blue' | 'yellow' | 'red';
const COLOURS: Record<EscalationLevel, SupervisionColour> = { assigned: 'blue', reminded: 'yellow', supervised: 'red' };

export function supervisionColour(level: EscalationLevel): SupervisionColour {
  return COLOURS[level];
}

/**
 * Whether a red (督办) slip may go back to yellow (提醒): it was ordered 督办 by hand, it is still open, the responsible
 * person has reported progress, and the rules no longer give 督办 as of `asOf` (it is not that far past its deadline,
 * e.g. once the 项目办 set a new one). A slip made red by the rules alone turns yellow only when the rules say so.
 */
export function redMayReturn(problem: Pick<Problem, 'escalation' | 'status' | 'deadline' | 'progress'>, asOf: CalendarDate, rules: EscalationRules): boolean {
  if (problem.escalation !== 'supervised' || problem.status === 'resolved') return false;
  if (!problem.progress) return false;
  return ruleLevel(Math.max(0, daysBetween(problem.deadline, asOf)), rules) !== 'supervised';
}

/** One line of the 调度 (dispatch) list. */
export interface DispatchItem {
  kind: 'problem' | 'milestone';
  projectId: Id;
  projectName: string;
  recordId: Id;
  /** The milestone's title or the problem's description. */
  title: string;
  deadline: CalendarDate;
  /** 责任单位: the problem's department, else the project's responsible unit. */
  departmentId: Id | null;
  /** 责任人: the problem's named one, else its department's head (else the project's owner); the project's 责任人 for a milestone. */
  ownerId: Id | null;
  level: EscalationLevel;
  daysOverdue: number;
  /** A problem awaiting the 项目办's confirmation of its 销号 (the 责任人 says it is solved). */
  closeRequested?: boolean;
}

/**
 * The 调度 list for a dispatch meeting: every open problem and every milestone not done past its due date, in
 * non-archived projects; highest effective level first, then most days overdue, then earliest deadline. `units` name the
 * departments' heads, who answer for their department's problems.
 */
export function escalationList(
  rows: readonly SummaryRow[],
  asOf: CalendarDate,
  rules: EscalationRules,
  units: readonly Pick<Unit, 'id' | 'headId'>[] = [],
): DispatchItem[] {
  const items: DispatchItem[] = [];
  for (const row of rows) {
    if (row.archived) continue;
    for (const p of row.problems) {
      if (p.status === 'resolved') continue;
      const e = effectiveEscalation({ deadline: p.deadline, manual: p.escalation, open: true }, asOf, rules);
      items.push({
        kind: 'problem',
        projectId: row.projectId,
        projectName: row.name,
        recordId: p.id,
        title: p.description,
        deadline: p.deadline,
        // 涉及哪个部门，就由哪个部门一把手负责: the problem's own department answers first.
        departmentId: answeringUnitId(p, row),
        ownerId: problemResponsible(p, units, row.ownerId),
        level: e.level,
        daysOverdue: e.daysOverdue,
        ...(p.status === 'closeRequested' ? { closeRequested: true } : {}),
      });
    }
    for (const m of row.milestones) {
      if (m.doneOn !== null || m.dueDate >= asOf) continue;
      const e = effectiveEscalation({ deadline: m.dueDate, manual: 'assigned', open: true }, asOf, rules);
      items.push({
        kind: 'milestone',
        projectId: row.projectId,
        projectName: row.name,
        recordId: m.id,
        title: m.title,
        deadline: m.dueDate,
        departmentId: row.unitId,
        ownerId: row.ownerId,
        level: e.level,
        daysOverdue: e.daysOverdue,
      });
    }
  }
  return items.sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      b.daysOverdue - a.daysOverdue ||
      byText(a.deadline, b.deadline) ||
      byText(a.projectName, b.projectName) ||
      byText(a.recordId, b.recordId),
  );
}
