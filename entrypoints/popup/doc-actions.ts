import type * as Y from 'yjs';
import type { Author } from '../../shared/model/origin';
import type { ModelResult } from '../../shared/model/result';
import type { ChecklistActions } from '../../components/checklist/checklist-actions';

export interface DocActionsOptions {
  /** The project document, loaded from IndexedDB (the page releases it when it closes). */
  openProject(projectId: string): Promise<Y.Doc>;
  /** Who edits, stamped now (`session.author()`). */
  author(): Author;
  canEdit(projectId: string): boolean;
  /** After a successful edit (the page has the stored checklist refreshed). */
  afterEdit?(): void;
  /** Whether the member's 月报 filing of `month` now waits for the 项目办's approval (the campaign's window). */
  needsApproval?(month: string): boolean;
}

/** The checklist's actions as model mutations on project documents; nothing is written on refusal. */
export function docActions(options: DocActionsOptions): ChecklistActions {
  type Mutations = typeof import('./doc-mutations');
  const edit = async (projectId: string, mutate: (m: Mutations, doc: Y.Doc, author: Author) => ModelResult): Promise<ModelResult> => {
    // The server would refuse it anyway; refusing here keeps an observer's replica from diverging.
    if (!options.canEdit(projectId)) return { ok: false, errors: [{ path: '', key: 'ui.readOnly', params: {} }] };
    const [mutations, doc] = await Promise.all([import('./doc-mutations'), options.openProject(projectId)]);
    const result = mutate(mutations, doc, options.author());
    if (result.ok) options.afterEdit?.();
    return result;
  };
  return {
    canEdit: (projectId) => options.canEdit(projectId),
    tickMilestone: (projectId, milestoneId, done) => edit(projectId, (m, doc, author) => m.tickMilestone(doc, milestoneId, done, author)),
    fileReport: (projectId, input) => edit(projectId, (m, doc, author) => m.fileMonthlyReport(doc, input, author)),
    moveStage: (projectId, stage, date) => edit(projectId, (m, doc, author) => m.moveStage(doc, stage, date, author)),
    addProblem: (projectId, input) => edit(projectId, (m, doc, author) => m.addProblem(doc, input, author)),
    escalateProblem: (projectId, problemId, level) => edit(projectId, (m, doc, author) => m.escalateProblem(doc, problemId, level, author)),
    resolveProblem: (projectId, problemId, evidence) => edit(projectId, (m, doc, author) => m.resolveProblem(doc, problemId, evidence, author)),
    loadReport: async (projectId, month) => {
      if (!options.canEdit(projectId)) return null;
      const [mutations, doc] = await Promise.all([import('./doc-mutations'), options.openProject(projectId)]);
      const filed = mutations.readFiledReport(doc, month);
      return filed ? { filed, needsApproval: options.needsApproval?.(month) ?? false } : null;
    },
  };
}
