// The model's project writes the checklist offers, in one chunk the popup loads on its first edit, not on opening.
export { moveStage } from '../../shared/model/project-edit';
export { tickMilestone } from '../../shared/model/project-milestones';
export {
  addProblem,
  confirmProblemClose,
  escalateProblem,
  reportProblemProgress,
  requestProblemClose,
  returnProblemClose,
} from '../../shared/model/project-problems';
export { fileMonthlyReport } from '../../shared/model/project-reports';
