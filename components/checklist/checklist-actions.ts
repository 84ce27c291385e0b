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
  /** Whether my connection to the project writes at all (also where I only answer for a problem or confirm 销号). */
  canWrite(projectId: string): boolean;
  /** 项目办 and leaders raise a problem's level by hand (升级); nobody else is offered it. */
  canEscalate: boolean;
  tickMilestone(projectId: string, milestoneId: string, done: boolean): Outcome;
  fileReport(projectId: string, input: ReportFormInput): Outcome;
  moveStage(projectId: string, stage: Stage, date: string): Outcome;
  addProblem(projectId: string, input: ProblemFormInput): Outcome;
  escalateProblem(projectId: string, problemId: string, level: EscalationLevel): Outcome;
  /** 报进展 by whoever answers for the problem. */
  reportProblemProgress(projectId: string, problemId: string, note: string): Outcome;
  /** 申请销号 with the evidence, by whoever answers for the problem. */
  requestProblemClose(projectId: string, problemId: string, evidence: string): Outcome;
  /** 确认销号 by 项目办 (or 督查), never the requester. */
  confirmProblemClose(projectId: string, problemId: string): Outcome;
  /** 退回 a 销号 request with the reason. */
  returnProblemClose(projectId: string, problemId: string, reason: string): Outcome;
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
