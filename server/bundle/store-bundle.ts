/**
 * Import and export of a whole workspace against the stores. An import writes one update per document (author
 * `server`): the workspace, each project, and the summary derived from them, so a city of 1000 projects is stored in
 * seconds and loads without replaying thousands of edits.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { FieldError } from '../../shared/schema/field-errors';
import { summaryRow } from '../../shared/calc/summary-row';
import { projectDocName, projectDocNamePrefix, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { toProjectBundle, toWorkspaceData } from '../../shared/model/bundles';
import { readProjectDoc } from '../../shared/model/project-read';
import { readWorkspace } from '../../shared/model/workspace-read';
import { writeSummaryRow } from '../../shared/model/summary';
import type { ProjectBundle } from '../../shared/schema/bundle';
import { ProjectIdSchema } from '../../shared/schema/common';
import type { AccountStore } from '../auth/account-store';
import type { DocumentStore } from '../storage/document-store';
import { makeBundle, type GuatuBundle } from './bundle-format';
import { documentUpdate, writeProjectBundle, writeWorkspaceData, type MaterializeResult } from '../../shared/model/write-bundle';
import { rowPath } from './validate-bundle';
import { err, ok, type Result } from '../../shared/result';

/** Who the server writes as, in the store and in attributions. */
export const SERVER_AUTHOR = 'server';

export interface BundleStores {
  store: DocumentStore;
  accounts: AccountStore;
  now: () => number;
}

export type ImportResult = Result<{ workspaceId: string; documents: number }, { errors: FieldError[] }>;

/** True when the workspace has an account or any stored document. */
export async function workspaceExists(stores: BundleStores, workspaceId: string): Promise<boolean> {
  if (await stores.accounts.getWorkspace(workspaceId)) return true;
  return (await stores.store.listDocuments(workspaceDocName(workspaceId))).length > 0;
}

/** The summary document of a freshly imported workspace: every project's row (target results are computed by readers). */
function summaryFill(bundle: GuatuBundle): (doc: Y.Doc) => MaterializeResult {
  return (doc) => {
    for (const project of bundle.projects) {
      const written = writeSummaryRow(doc, summaryRow(project));
      if (!written.ok) return written;
    }
    return { ok: true };
  };
}

/**
 * Stores a checked bundle as a new workspace. Every document is built before the first write, so a bundle the model
 * refuses stores nothing; the account (and its signing secret) is created last, after the documents.
 */
export async function importBundle(stores: BundleStores, bundle: GuatuBundle): Promise<ImportResult> {
  const { workspace } = bundle;
  if (await workspaceExists(stores, workspace.id)) {
    return err({ errors: [{ path: 'workspace.id', key: 'bundle.workspaceExists', params: { id: workspace.id } }] });
  }
  const at = stores.now();
  const planned: Array<[string, Uint8Array]> = [];
  const ws = documentUpdate((doc) => writeWorkspaceData(doc, workspace, { by: SERVER_AUTHOR, at }));
  if (!ws.ok) return err({ errors: ws.errors.map((e) => ({ ...e, path: rowPath('workspace', e.path) })) });
  planned.push([workspaceDocName(workspace.id), ws.update]);
  for (const [i, project] of bundle.projects.entries()) {
    const built = documentUpdate((doc) => writeProjectBundle(doc, project));
    if (!built.ok) return err({ errors: built.errors.map((e) => ({ ...e, path: rowPath(`projects.${i}`, e.path) })) });
    planned.push([projectDocName(workspace.id, ProjectIdSchema.parse(project.project.id)), built.update]);
  }
  const summary = documentUpdate(summaryFill(bundle));
  if (!summary.ok) return err({ errors: summary.errors.map((e) => ({ ...e, path: rowPath('summary', e.path) })) });
  planned.push([summaryDocName(workspace.id), summary.update]);

  for (const [name, update] of planned) await stores.store.append(name, update, SERVER_AUTHOR, at);
  await stores.accounts.createWorkspace({ id: workspace.id, name: workspace.name, secret: new Uint8Array(randomBytes(32)), createdAt: at });
  return ok({ workspaceId: workspace.id, documents: planned.length });
}

/** A stored document as a scratch Y.Doc (null when nothing is stored). */
export async function loadDoc(store: DocumentStore, name: string): Promise<Y.Doc | null> {
  const state = await store.load(name);
  if (state === null) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

export type ExportResult = Result<{ bundle: GuatuBundle; skipped: string[] }, { reason: 'unknown_workspace' | 'unreadable_workspace' }>;

/** The workspace and every readable project as a bundle; projects whose record does not validate are listed in `skipped`. */
export async function exportBundle(store: DocumentStore, workspaceId: string): Promise<ExportResult> {
  const wsDoc = await loadDoc(store, workspaceDocName(workspaceId));
  if (!wsDoc) return err({ reason: 'unknown_workspace' });
  const { data } = toWorkspaceData(readWorkspace(wsDoc));
  wsDoc.destroy();
  if (!data) return err({ reason: 'unreadable_workspace' });
  const projects: ProjectBundle[] = [];
  const skipped: string[] = [];
  const prefix = projectDocNamePrefix(workspaceId);
  for (const name of await store.listDocuments(prefix)) {
    const doc = await loadDoc(store, name);
    if (!doc) continue;
    const { bundle } = toProjectBundle(readProjectDoc(doc));
    doc.destroy();
    if (bundle) projects.push(bundle);
    else skipped.push(name);
  }
  projects.sort((a, b) => (a.project.id < b.project.id ? -1 : a.project.id > b.project.id ? 1 : 0));
  return ok({ bundle: makeBundle(data, projects), skipped });
}
