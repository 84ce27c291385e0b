import type { Attribution, CalendarDate, Id, Month } from '../schema/common';
import type { EscalationLevel } from '../schema/problem';
import type { Light } from '../schema/summary';

export type ChecklistItemKind = 'milestone' | 'problem' | 'report' | 'target';
export type ChecklistState = 'overdue' | 'dueSoon' | 'later' | 'unfiled';

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
}
