/**
 * The 导入 page's work on the open workspace: what the import compares with (the workspace document, and the
 * documents of the projects the sheet's rows match), and applying the confirmed rows as the member's own edits.
 * Project documents open a few at a time and are released after use, so a sheet of hundreds of rows does not open
 * hundreds of connections at once. Every edit is stored in IndexedDB first (safe offline) and sent when online.
 */
import { toProjectBundle, toWorkspaceData } from '../../shared/model/bundles';
import { readProjectDoc } from '../../shared/model/project-read';
import { readWorkspace } from '../../shared/model/workspace-read';
import { applyImportAction } from '../../shared/import/apply';
import { existingProject } from '../../shared/import/context';
import type { ExistingProject, ImportAction, ImportContext } from '../../shared/import/preview';
import type { FieldError } from '../../shared/schema/field-errors';
import type { SummaryRow } from '../../shared/schema/summary';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import { waitForStatus, type DocHandle } from '../doc-handle';
import type { Session } from '../session';

/** How long to wait for a project document to catch up with the server before reading what is local. */
const SETTLE_MS = 4000;
const PARALLEL = 6;

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(run));
}

/** A summary row as the engine's view of a project (for matching; its document is read before comparing). */
function fromSummary(row: SummaryRow): ExistingProject {
  return {
    id: row.projectId,
    code: row.code,
    name: row.name,
    kind: row.kind,
    content: '',
    totalInvestmentWan: row.totalInvestmentWan,
    annualPlanWan: row.annualPlanWan,
    plannedStart: row.plannedStart,
    plannedCompletion: row.plannedCompletion,
    leaderId: row.leaderId,
    ownerId: row.ownerId,
    unitId: row.unitId,
    serviceUnitId: row.serviceUnitId,
    countyId: row.countyId,
    category: row.category,
    stage: row.stage,
    progressNote: row.progress,
    archived: row.archived,
    problems: row.problems.map((x) => x.description),
    reports: [],
  };
}

async function openSettled(session: Session, projectId: string): Promise<DocHandle> {
  const handle = session.project(projectId);
  await handle.whenLocal;
  // offline, what is in IndexedDB is all there is: no use waiting for the server
  if (session.host.status.getSnapshot().state !== 'offline') await handle.whenSettled(SETTLE_MS);
  return handle;
}

/**
 * The import context: members and units from the workspace document; every project from the summary (for matching
 * by 项目编号 and name), and the full documents of `matched` (the projects the sheet's rows name) for comparing.
 */
export async function loadImportContext(
  session: Session,
  rows: readonly SummaryRow[],
  matched: readonly string[],
  /** Documents read before (a new mapping or month re-previews the same sheet without reading them again). */
  cache: Map<string, ExistingProject> = new Map(),
): Promise<ImportContext> {
  await session.workspace.whenLocal;
  const data = toWorkspaceData(readWorkspace(session.workspace.doc)).data;
  const byId = new Map(rows.map((r) => [r.projectId, fromSummary(r)]));
  await inBatches(
    matched.filter((id) => !cache.has(id)),
    async (id) => {
      const handle = await openSettled(session, id);
      try {
        const { bundle } = toProjectBundle(readProjectDoc(handle.doc));
        if (bundle) cache.set(id, existingProject(bundle));
      } finally {
        handle.release();
      }
    },
  );
  for (const id of matched) {
    const read = cache.get(id);
    if (read) byId.set(id, read);
  }
  return {
    projects: [...byId.values()],
    members: (data?.members ?? []).map((m) => ({ id: m.id, name: m.name, archived: m.archived })),
    units: (data?.units ?? []).map((u) => ({ id: u.id, name: u.name, kind: u.kind, archived: u.archived })),
  };
}

export interface ApplyOutcome {
  applied: number;
  failed: Array<{ row: number; errors: FieldError[] }>;
  /** True when every edit reached the server before this returned. */
  synced: boolean;
  /** Closes the documents written; until then they keep sending what is left (the page calls it when it closes). */
  release(): void;
}

/**
 * Writes the confirmed rows, each as the member's attributed edits; a row the model refuses is reported and the
 * others still go in. Each edit is in IndexedDB at once (safe offline); the documents stay open until the server has
 * them or the page closes.
 */
export async function applyImport(
  session: Session,
  actions: readonly ImportAction[],
  opts: { locale: Locale; today: CalendarDate; onProgress?: (done: number) => void },
): Promise<ApplyOutcome> {
  await session.workspace.whenLocal;
  const failed: ApplyOutcome['failed'] = [];
  const handles: DocHandle[] = [];
  let applied = 0;
  let done = 0;
  const release = (): void => {
    for (const h of handles.splice(0)) h.release();
  };
  await inBatches(actions, async (action) => {
    const handle = await openSettled(session, action.projectId);
    handles.push(handle);
    const result = applyImportAction(action, { workspace: session.workspace.doc, project: handle.doc }, session.author(), opts);
    if (result.ok) applied++;
    else failed.push({ row: action.row, errors: result.errors });
    opts.onProgress?.(++done);
  });
  const synced = await waitForStatus(session.host.status, () => session.host.status.getSnapshot().unsynced === 0, SETTLE_MS * 3);
  if (synced) release();
  return { applied, failed, synced, release };
}
