// The typed Yjs document model: every read and write of a Guatu document goes through here.
export * from './doc-names';
export { type Author, type ModelOrigin, localOrigin, isModelOrigin } from './origin';
export { type ModelResult, type RecordRead, validValues } from './result';
export { type IdSource, type CreateOptions, randomId, seededIds } from './ids';
export { WORKSPACE_KEYS, PROJECT_KEYS, SUMMARY_KEYS } from './keys';
export {
  ACTIVITY_ACTIONS, ActivityActionSchema, ActivityEntrySchema, ActivityRecordKindSchema, readActivity,
  type ActivityAction, type ActivityEntry, type ActivityRecordKind,
} from './activity';
export { WorkspaceMetaSchema, type WorkspaceMeta } from './workspace-layout';

export { readWorkspace, type WorkspaceRead } from './workspace-read';
export {
  initWorkspace, updateCampaign,
  addUnit, updateUnit, archiveUnit, restoreUnit,
  addMember, updateMember, archiveMember, restoreMember,
  addTarget, updateTarget, archiveTarget, restoreTarget,
  registerProject, updateRegistryEntry, assignProject, archiveRegistryEntry, restoreRegistryEntry,
  confirmReportFigure, confirmRegistration,
  type WorkspaceInit, type UnitInput, type UnitPatch, type MemberInput, type MemberPatch, type TargetInput, type TargetPatch,
  type RegistryInput, type RegistryPatch, type ReportConfirmation, type RegistrationConfirmation,
} from './workspace-write';

export { readProjectDoc, type ProjectRead } from './project-read';
export { projectIdOf } from './project-doc';
export { initProject, defaultMilestoneDueDates, MILESTONE_SPACING_DAYS, type ProjectInput, type InitProjectOptions } from './project-init';
export { editProject, moveStage, assignOwner, assignLeader, assignTeam, archiveProject, restoreProject } from './project-edit';
export {
  addMilestone, editMilestone, tickMilestone, archiveMilestone, restoreMilestone, type MilestoneInput, type MilestoneEdit,
} from './project-milestones';
export {
  addProblem, editProblem, setProblemStatus, escalateProblem, resolveProblem, reopenProblem, archiveProblem, restoreProblem,
  type ProblemInput, type ProblemEdit,
} from './project-problems';
export { fileMonthlyReport, type MonthlyReportInput } from './project-reports';

export { readSummary, writeSummaryRow, type SummaryRead } from './summary';
export { toProjectBundle, toWorkspaceData } from './bundles';
export { createDocStore, type DocStore } from './doc-store';
export { writeWorkspaceData, writeProjectBundle, documentUpdate, type MaterializeResult } from './write-bundle';
export { reportSeriesProblems } from './report-series';
