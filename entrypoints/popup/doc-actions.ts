import type * as Y from 'yjs';
import type { Author } from '../../shared/model/origin';
import type { Campaign } from '../../shared/schema/campaign';
import type { Role } from '../../shared/schema/member';
import type { ModelResult } from '../../shared/model/result';
import type { ChecklistActions } from '../../components/checklist/checklist-actions';

export interface DocActionsOptions {
  /**
   * The project document, loaded from IndexedDB (the page releases it when it closes); `settled`: also wait until it
   * has synced with the server (a project I only answer a problem in may not be stored here yet).
   */
  openProject(projectId: string, options?: { settled?: boolean }): Promise<Y.Doc>;
  /** Who edits, stamped now (`session.author()`). */
  author(): Author;
  canEdit(projectId: string): boolean;
  /** Whether my connection to the project writes at all (the problem actions' rights). */
  canWrite?(projectId: string): boolean;
  /** 项目办 and leaders escalate by hand. */
  canEscalate?: boolean;
  /** After a successful edit (the page has the stored checklist refreshed). */
  afterEdit?(): void;
  /**
   * The campaign's 月报 window as the workspace document has it, my role there and the time now: whether a filing made
   * now waits for the 项目办's approval (read with the other writes, on the first edit). null: not known yet.
   */
  reportWindow?(): { campaign: Campaign; role: Role | null; now: number } | null;
}

const READ_ONLY = { ok: false as const, errors: [{ path: '', key: 'ui.readOnly' as const, params: {} }] };

/** True when the project document holds any key of the problem. */
function holdsProblem(doc: Y.Doc, problemId: string): boolean {
  const prefix = `${problemId}/`;
  for (const key of doc.getMap('problems').keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/** The checklist's actions as model mutations on project documents; nothing is written on refusal. */
export function docActions(options: DocActionsOptions): ChecklistActions {
  type Mutations = typeof import('./doc-mutations');
  const canWrite = (projectId: string): boolean => options.canWrite?.(projectId) ?? options.canEdit(projectId);
  const edit = async (projectId: string, mutate: (m: Mutations, doc: Y.Doc, author: Author) => ModelResult): Promise<ModelResult> => {
    // The server would refuse it anyway; refusing here keeps an observer's replica from diverging.
    if (!options.canEdit(projectId)) return READ_ONLY;
    const [mutations, doc] = await Promise.all([import('./doc-mutations'), options.openProject(projectId)]);
    const result = mutate(mutations, doc, options.author());
    if (result.ok) options.afterEdit?.();
    return result;
  };
  /** A problem action: allowed wherever my connection writes (the server's write rules decide the rest). */
  const onProblem = async (projectId: string, problemId: string, mutate: (m: Mutations, doc: Y.Doc, author: Author) => ModelResult): Promise<ModelResult> => {
    if (!canWrite(projectId)) return READ_ONLY;
    const mutations = await import('./doc-mutations');
    let doc = await options.openProject(projectId);
    if (!holdsProblem(doc, problemId)) doc = await options.openProject(projectId, { settled: true });
    const result = mutate(mutations, doc, options.author());
    if (result.ok) options.afterEdit?.();
    return result;
  };
  return {
    canEdit: (projectId) => options.canEdit(projectId),
    canWrite,
    canEscalate: options.canEscalate ?? false,
    tickMilestone: (projectId, milestoneId, done) => edit(projectId, (m, doc, author) => m.tickMilestone(doc, milestoneId, done, author)),
    fileReport: (projectId, input) => edit(projectId, (m, doc, author) => m.fileMonthlyReport(doc, input, author)),
    moveStage: (projectId, stage, date) => edit(projectId, (m, doc, author) => m.moveStage(doc, stage, date, author)),
    addProblem: (projectId, input) => edit(projectId, (m, doc, author) => m.addProblem(doc, input, author)),
    escalateProblem: (projectId, problemId, level) =>
      options.canEscalate ? onProblem(projectId, problemId, (m, doc, author) => m.escalateProblem(doc, problemId, level, author)) : READ_ONLY,
    reportProblemProgress: (projectId, problemId, note) =>
      onProblem(projectId, problemId, (m, doc, author) => m.reportProblemProgress(doc, problemId, note, author)),
    requestProblemClose: (projectId, problemId, evidence) =>
      onProblem(projectId, problemId, (m, doc, author) => m.requestProblemClose(doc, problemId, evidence, author)),
    confirmProblemClose: (projectId, problemId) => onProblem(projectId, problemId, (m, doc, author) => m.confirmProblemClose(doc, problemId, author)),
    returnProblemClose: (projectId, problemId, reason) =>
      onProblem(projectId, problemId, (m, doc, author) => m.returnProblemClose(doc, problemId, reason, author)),
    loadReport: async (projectId, month) => {
      if (!options.canEdit(projectId)) return null;
      const [mutations, doc] = await Promise.all([import('./doc-mutations'), options.openProject(projectId)]);
      const filed = mutations.readFiledReport(doc, month);
      if (!filed) return null;
      const at = options.reportWindow?.() ?? null;
      return { filed, needsApproval: at !== null && mutations.needsApproval(month, at.now, at.role, at.campaign) };
    },
  };
}
