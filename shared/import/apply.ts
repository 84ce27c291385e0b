/**
 * Writes one confirmed import row through the model, as the importing member's own attributed edits: a new project
 * is initialised in its (empty) document and registered in the workspace; a changed one is edited field by field; a
 * stage read from the sheet is a stage move dated the day of the import; a 月报 row is filed for its month. Each
 * write validates before it changes anything; a row that fails leaves the other rows as they are.
 */
import type * as Y from 'yjs';
import type { CalendarDate, Locale } from '../schema/common';
import type { Author } from '../model/origin';
import { initProject } from '../model/project-init';
import { editProject, moveStage } from '../model/project-edit';
import { fileMonthlyReport } from '../model/project-reports';
import type { ModelResult } from '../model/result';
import { registerProject, updateRegistryEntry } from '../model/workspace-write';
import { ok } from '../result';
import type { ImportAction, ProjectWrite, ReportWrite } from './preview';

export interface ApplyOptions {
  /** Language of a new project's default milestone titles. */
  locale: Locale;
  /** Today in Asia/Shanghai. */
  today: CalendarDate;
}

function fileReport(doc: Y.Doc, report: ReportWrite | null, author: Author): ModelResult {
  if (report === null) return ok();
  const filed = fileMonthlyReport(doc, report, author);
  return filed.ok ? ok() : filed;
}

function registryPatch(patch: ProjectWrite): { name?: string; unitId?: string; leaderId?: string; ownerId?: string } {
  return {
    ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
    ...(patch.leaderId !== undefined ? { leaderId: patch.leaderId } : {}),
  };
}

/**
 * Applies one action of a preview. `project` is the project's document (empty for a new project), `workspace` the
 * workspace document (its registry).
 */
export function applyImportAction(action: ImportAction, docs: { workspace: Y.Doc; project: Y.Doc }, author: Author, opts: ApplyOptions): ModelResult {
  if (action.type === 'create') {
    const created = initProject(docs.project, { id: action.projectId, ...action.project }, author, { locale: opts.locale });
    if (!created.ok) return created;
    const { name, unitId, leaderId, ownerId } = action.project;
    const registered = registerProject(
      docs.workspace,
      { id: action.projectId, name, unitId: unitId ?? null, leaderId: leaderId ?? null, ownerId: ownerId ?? null },
      author,
    );
    if (!registered.ok) return registered;
    if (action.stage !== null) {
      const moved = moveStage(docs.project, action.stage, action.stageDate, author);
      if (!moved.ok) return moved;
    }
    return fileReport(docs.project, action.report, author);
  }
  if (Object.keys(action.patch).length > 0) {
    const edited = editProject(docs.project, action.patch, author);
    if (!edited.ok) return edited;
    const registry = registryPatch(action.patch);
    if (Object.keys(registry).length > 0) {
      const updated = updateRegistryEntry(docs.workspace, action.projectId, registry, author);
      // a project the server has not registered yet gets its line from its document; nothing to keep in step
      if (!updated.ok && !updated.errors.every((e) => e.key === 'err.model.notFound')) return updated;
    }
  }
  if (action.stage !== null) {
    const moved = moveStage(docs.project, action.stage, action.stageDate, author);
    if (!moved.ok) return moved;
  }
  return fileReport(docs.project, action.report, author);
}
