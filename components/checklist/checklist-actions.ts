import type { EscalationLevel } from '../../shared/schema/problem';
import type { Stage } from '../../shared/schema/stage';
import type { SubmitResult } from '../common/use-submit';
import type { ProblemFormInput } from '../forms/problem-form';
import type { FiledReportValues, ReportFormInput } from '../forms/report-form';

type Outcome = Promise<SubmitResult> | SubmitResult;

/** The two-click actions, each one model mutation with `session.author()`; the page wires them to documents. */
export interface ChecklistActions {
  /** Same answer as the server (shared/rights.ts): no edit controls where the server would refuse the edit. */
  canEdit(projectId: string): boolean;
  tickMilestone(projectId: string, milestoneId: string, done: boolean): Outcome;
  fileReport(projectId: string, input: ReportFormInput): Outcome;
  moveStage(projectId: string, stage: Stage, date: string): Outcome;
  addProblem(projectId: string, input: ProblemFormInput): Outcome;
  escalateProblem(projectId: string, problemId: string, level: EscalationLevel): Outcome;
  resolveProblem(projectId: string, problemId: string, evidence: string): Outcome;
  /**
   * The month's 月报 as filed, to correct it (更正): its values, and whether a correction now waits for the 项目办's
   * approval (the campaign's window). Null when the month has no readable report; absent where nothing can be edited.
   */
  loadReport?(projectId: string, month: string): Promise<LoadedReport | null>;
}

export interface LoadedReport {
  filed: FiledReportValues;
  needsApproval: boolean;
}
