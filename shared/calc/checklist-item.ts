import type { Attribution, CalendarDate, Id, Month } from '../schema/common';
import type { EscalationLevel, ProblemStatus } from '../schema/problem';
import type { Light } from '../schema/summary';

export type ChecklistItemKind = 'milestone' | 'problem' | 'report' | 'target';
export type ChecklistState = 'overdue' | 'dueSoon' | 'later' | 'unfiled';

/** Why a problem is on my list: I answer for it (报进展, 申请销号), or its 销号 request awaits my confirmation. */
export type ProblemDutyKind = 'responsible' | 'confirm';

/** What a problem item needs beyond the common fields. */
export interface ChecklistProblem {
  status: ProblemStatus;
  duty: ProblemDutyKind;
}

/** One thing a member must act on, as the popup lists it. */
export interface ChecklistItem {
  kind: ChecklistItemKind;
  projectId?: Id;
  projectName?: string;
  /** The milestone, problem or target id; for a report, the project id and month (`p1:2026-03`). */
  recordId: string;
  /** The milestone's title, the problem's description, the target's title; for a report, the project's name. */
  title: string;
  due: CalendarDate;
  state: ChecklistState;
  /** Days past `due` (0 unless overdue). */
  daysOverdue: number;
  /** Effective 交办/提醒/督办 level; null for targets, which do not escalate. */
  escalation: EscalationLevel | null;
  /** The report month, for a report item. */
  month?: Month;
  /** A report item whose month's window has closed: filing it now is a request the 项目办 must approve. */
  needsApproval?: boolean;
  /** A report item the 项目办 chased (催报): the latest reminder's sender and time. */
  reminded?: Attribution;
  /** The target's light, for a target item. */
  light?: Light;
  /** For a problem item: its status and why it is mine (absent in rows stored before the 销号 loop). */
  problem?: ChecklistProblem;
}

/** A problem I raised, as the "problems I raised" list shows it (its progress is someone else's to report). */
export interface RaisedProblem {
  projectId: Id;
  projectName: string;
  recordId: Id;
  title: string;
  deadline: CalendarDate;
  status: ProblemStatus;
  /** Effective 交办/提醒/督办 level as of the day. */
  escalation: EscalationLevel;
  /** Its 责任人 (the named one, else the department's head), null when nobody answers yet. */
  responsibleId: Id | null;
}
