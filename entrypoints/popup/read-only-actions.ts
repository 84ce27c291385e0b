import type { ChecklistActions } from '../../components/checklist/checklist-actions';

const refused = { ok: false as const, errors: [{ path: '', key: 'ui.readOnly' as const, params: {} }] };

/** Before the documents are open nothing can be edited: the checklist shows no edit controls. */
export const READ_ONLY_ACTIONS: ChecklistActions = {
  canEdit: () => false,
  canWrite: () => false,
  canEscalate: false,
  tickMilestone: () => refused,
  fileReport: () => refused,
  moveStage: () => refused,
  addProblem: () => refused,
  escalateProblem: () => refused,
  reportProblemProgress: () => refused,
  requestProblemClose: () => refused,
  confirmProblemClose: () => refused,
  returnProblemClose: () => refused,
};
