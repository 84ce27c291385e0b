import type * as Y from 'yjs';
import type { Author } from '../../shared/model/origin';
import { moveStage } from '../../shared/model/project-edit';
import { tickMilestone } from '../../shared/model/project-milestones';
import { addProblem, escalateProblem, resolveProblem } from '../../shared/model/project-problems';
import { fileMonthlyReport } from '../../shared/model/project-reports';
import type { ModelResult } from '../../shared/model/result';
import type { ChecklistActions } from '../../components/checklist/checklist-actions';

export interface DocActionsOptions {
  /** The project document, loaded from IndexedDB (the page releases it when it closes). */
  openProject(projectId: string): Promise<Y.Doc>;
  /** Who edits, stamped now (`session.author()`). */
  author(): Author;
  canEdit(projectId: string): boolean;
  /** After a successful edit (the page refreshes the Dexie projection). */
  afterEdit?(): void;
}

/** The checklist's actions as model mutations on project documents; nothing is written on refusal. */
export function docActions(options: DocActionsOptions): ChecklistActions {
  const edit = async (projectId: string, mutate: (doc: Y.Doc, author: Author) => ModelResult): Promise<ModelResult> => {
    // The server would refuse it anyway; refusing here keeps an observer's replica from diverging.
    if (!options.canEdit(projectId)) return { ok: false, errors: [{ path: '', key: 'ui.readOnly', params: {} }] };
    const doc = await options.openProject(projectId);
    const result = mutate(doc, options.author());
    if (result.ok) options.afterEdit?.();
    return result;
  };
  return {
    canEdit: (projectId) => options.canEdit(projectId),
    tickMilestone: (projectId, milestoneId, done) => edit(projectId, (doc, author) => tickMilestone(doc, milestoneId, done, author)),
    fileReport: (projectId, input) => edit(projectId, (doc, author) => fileMonthlyReport(doc, input, author)),
    moveStage: (projectId, stage, date) => edit(projectId, (doc, author) => moveStage(doc, stage, date, author)),
    addProblem: (projectId, input) => edit(projectId, (doc, author) => addProblem(doc, input, author)),
    escalateProblem: (projectId, problemId, level) => edit(projectId, (doc, author) => escalateProblem(doc, problemId, level, author)),
    resolveProblem: (projectId, problemId, evidence) => edit(projectId, (doc, author) => resolveProblem(doc, problemId, evidence, author)),
  };
}
