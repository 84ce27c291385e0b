import type { ChecklistItem, RaisedProblem } from '../../../shared/calc/checklist';
import { compareChecklistItems } from '../../../shared/calc/checklist-order';
import type { FieldError } from '../../../shared/schema/field-errors';
import type { Stage } from '../../../shared/schema/stage';
import type { Light, TargetResult } from '../../../shared/schema/summary';

/** One of my targets: its title and standing (the projection's target rows have this shape). */
export type TargetLine = TargetResult & { title: string; unitLabel?: string };

/** One of my projects (owner, 联系领导 or team). */
export interface ProjectLine {
  id: string;
  name: string;
  stage: Stage;
  light?: Light;
  gapPoints?: number;
  /** 今年累计完成投资 and the month it was last reported, when known: the 月报 form derives the new cumulative. */
  cumulativeWan?: number;
  lastReportMonth?: string | null;
}

export type InvalidKind = 'project' | 'milestone' | 'problem' | 'report' | 'target' | 'workspace';

/** A record that did not validate (another replica wrote garbage): where it is and why. */
export interface InvalidLine {
  /** Unique on the page. */
  id: string;
  kind: InvalidKind;
  recordId: string;
  projectName?: string;
  reasons: FieldError[];
}

/** A problem I raised, with its 责任人's name when known. */
export type RaisedLine = RaisedProblem & { responsibleName: string | null };

/** Everything the checklist shows: from the Dexie projection at first, from the documents once they load. */
export interface ChecklistData {
  /** The Asia/Shanghai day the checklist is for. */
  asOf: string;
  items: readonly ChecklistItem[];
  targets: readonly TargetLine[];
  projects: readonly ProjectLine[];
  invalid: readonly InvalidLine[];
  /** Departments for a new problem, with their heads (empty until the workspace document is read). */
  units: ReadonlyArray<{ id: string; name: string; headId?: string | null }>;
  /** Who may be named a problem's 责任人: the members of each department (empty until the workspace document is read). */
  people?: ReadonlyArray<{ id: string; name: string; unitId: string | null }>;
  /** Problems I raised, open ones first (absent in checklists stored before the 销号 loop). */
  raised?: readonly RaisedLine[];
  /** The campaign's stage pipeline, when known. */
  stages?: readonly Stage[];
}

export interface ChecklistSections {
  /** Everything overdue but targets (they have their own section, with lights): red, first. */
  overdue: ChecklistItem[];
  /** Milestones and problems due within the campaign's due-soon days. */
  dueSoon: ChecklistItem[];
  /** This month's 月报 not filed yet (not yet late). */
  reports: ChecklistItem[];
  /** Open problems with time left. */
  problems: ChecklistItem[];
  /** 销号 requests waiting for my confirmation (项目办, 督查). */
  confirmations: ChecklistItem[];
  /** Milestones with time left (folded away). */
  later: ChecklistItem[];
}

/** Splits the checklist into the popup's sections; each item appears once, most urgent first within a section. */
export function groupChecklist(items: readonly ChecklistItem[]): ChecklistSections {
  const sections: ChecklistSections = { overdue: [], dueSoon: [], reports: [], problems: [], confirmations: [], later: [] };
  for (const item of [...items].sort(compareChecklistItems)) {
    if (item.kind === 'target') continue;
    if (item.problem?.duty === 'confirm') sections.confirmations.push(item);
    else if (item.state === 'overdue') sections.overdue.push(item);
    else if (item.kind === 'report') sections.reports.push(item);
    else if (item.state === 'dueSoon') sections.dueSoon.push(item);
    else if (item.kind === 'problem') sections.problems.push(item);
    else sections.later.push(item);
  }
  return sections;
}
