import type { ChecklistItem, ChecklistItemKind, ChecklistState } from './checklist-item';

const STATE_ORDER: Record<ChecklistState, number> = { overdue: 0, dueSoon: 1, unfiled: 2, later: 3 };
const KIND_ORDER: Record<ChecklistItemKind, number> = { report: 0, problem: 1, milestone: 2, target: 3 };

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Overdue first (most overdue first), then due soon (soonest first), then unfiled reports, then the rest by due day. */
export function compareChecklistItems(a: ChecklistItem, b: ChecklistItem): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    b.daysOverdue - a.daysOverdue ||
    byText(a.due, b.due) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    byText(a.title, b.title) ||
    byText(a.recordId, b.recordId)
  );
}
