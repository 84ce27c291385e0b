import type { ChecklistActions } from '../../components/checklist/checklist-actions';

/**
 * The checklist's actions before the live side has loaded: the edit controls show with the first paint (as far as the
 * stored rights allow), and an edit made in that moment waits for the documents, then goes through the live actions
 * (which check the rights again). Nothing is lost and nothing is written before the document is open.
 */
export function pendingActions(canEdit: (projectId: string) => boolean, canEscalate: boolean, live: Promise<ChecklistActions>): ChecklistActions {
  return {
    canEdit,
    // where I only answer for a problem (not on the project), the controls come once the workspace document is read
    canWrite: canEdit,
    canEscalate,
    tickMilestone: async (projectId, milestoneId, done) => (await live).tickMilestone(projectId, milestoneId, done),
    fileReport: async (projectId, input) => (await live).fileReport(projectId, input),
    moveStage: async (projectId, stage, date) => (await live).moveStage(projectId, stage, date),
    addProblem: async (projectId, input) => (await live).addProblem(projectId, input),
    escalateProblem: async (projectId, problemId, level) => (await live).escalateProblem(projectId, problemId, level),
    reportProblemProgress: async (projectId, problemId, note) => (await live).reportProblemProgress(projectId, problemId, note),
    requestProblemClose: async (projectId, problemId, evidence) => (await live).requestProblemClose(projectId, problemId, evidence),
    confirmProblemClose: async (projectId, problemId) => (await live).confirmProblemClose(projectId, problemId),
    returnProblemClose: async (projectId, problemId, reason) => (await live).returnProblemClose(projectId, problemId, reason),
    loadReport: async (projectId, month) => (await live).loadReport?.(projectId, month) ?? null,
  };
}

/** A promise and the function that settles it: the live actions, once the live side hands them over. */
export function deferredActions(): { promise: Promise<ChecklistActions>; resolve: (actions: ChecklistActions) => void } {
  let resolve: (actions: ChecklistActions) => void = () => {};
  const promise = new Promise<ChecklistActions>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
