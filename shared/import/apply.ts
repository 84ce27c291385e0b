/**
 * Writes one confirmed import row through the model, as the importing member's own attributed edits: a new project
 * is initialised in its (empty) document and registered in the workspace; a changed one is edited field by field; a
 * stage read from the sheet is a stage move dated the day of the import; a 月报 row is filed for its month. Each
 * write validates before it changes anything; a row that fails leaves the other rows as they are.
 */
import type * as Y from 'yjs';
import type { CalendarDate, Locale } from '../schema/common';
import type { Author } from '../model/origin';
import { moveStage } from '../model/project-edit';
import { createRegisteredProject, editRegisteredProject } from '../model/project-admin';
import { fileMonthlyReport } from '../model/project-reports';
import type { ModelResult } from '../model/result';
import { ok } from '../result';
import type { ImportAction, ReportWrite } from './preview';

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

/**
 * Applies one action of a preview. `project` is the project's document (empty for a new project), `workspace` the
 * workspace document (its registry).
 */
export function applyImportAction(action: ImportAction, docs: { workspace: Y.Doc; project: Y.Doc }, author: Author, opts: ApplyOptions): ModelResult {
  if (action.type === 'create') {
    const created = createRegisteredProject(docs.project, docs.workspace, { id: action.projectId, ...action.project }, author, { locale: opts.locale });
    if (!created.ok) return created;
  } else if (Object.keys(action.patch).length > 0) {
    // a project the server has not registered yet gets its line from its document: only its document is edited
    const edited = editRegisteredProject(docs.project, docs.workspace, action.projectId, action.patch, author);
    if (!edited.ok) return edited;
  }
  if (action.stage !== null) {
    const moved = moveStage(docs.project, action.stage, action.stageDate, author);
    if (!moved.ok) return moved;
  }
  return fileReport(docs.project, action.report, author);
}
