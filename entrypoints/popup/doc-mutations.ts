// The model's project writes the checklist offers, in one chunk the popup loads on its first edit, not on opening.
import type * as Y from 'yjs';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';

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
export { needsApproval } from '../../shared/calc/report-window';

/** The month's 月报 as filed (for a correction, 更正), or null when the document holds no valid report for it. */
export function readFiledReport(doc: Y.Doc, month: string): { completedWan: number; progress: string; issues: string } | null {
  const report = validValues(readProjectDoc(doc).reports).find((r) => r.month === month);
  return report ? { completedWan: report.completedWan, progress: report.progress, issues: report.issues } : null;
}
