/**
 * Keeps each workspace's summary document derived from its project documents (SPEC §4): a changed project's row is
 * recomputed once its edits settle (debounced per document), target results follow the rows and the workspace
 * settings, and once a day, since 序时进度 moves with the calendar. Nothing is derived at startup: rows are stored.
 */
import type * as Y from 'yjs';
import { evaluateTargets } from '../../shared/calc/targets';
import { summaryRow } from '../../shared/calc/summary-row';
import { toProjectBundle, toWorkspaceData } from '../../shared/model/bundles';
import { parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { jsonEqual } from '../../shared/model/plain-json';
import { readWorkspace } from '../../shared/model/workspace-read';
import { SUMMARY_KEYS } from '../../shared/model/keys';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';
import { readSummary, writeSummaryRow, writeTargetResults } from '../../shared/model/summary';
import { ProjectIdSchema } from '../../shared/schema/common';
import type { TargetResult } from '../../shared/schema/summary';
import type { Logger } from '../log';
import type { ServerDocument, UpdateOrigin } from '../sync';
import { createDebouncer } from './debouncer';
import { creatorTrusted, decideRegistration, isRegistered, projectRecordValid, registerAsServer } from './project-registration';
import { msUntilNextShanghaiDay, shanghaiToday } from './shanghai-day';
import { realTimers, type Timers } from './timers';

/** What the deriver needs of the sync server: documents held loaded for server-side writes. */
export interface DocumentHost {
  getDocument(name: string): Promise<ServerDocument>;
}

export interface SummaryDeriverOptions {
  documents: DocumentHost;
  logger: Logger;
  now: () => number;
  timers?: Timers;
  /** Quiet time after a project edit before its row is recomputed. */
  projectDebounceMs?: number;
  /** Quiet time after rows or settings change before target results are recomputed. */
  targetsDebounceMs?: number;
  /** The workspaces whose targets the daily pass recomputes. */
  listWorkspaces?: () => Promise<string[]>;
}

export interface SummaryDeriver {
  /** The sync server's onDocumentUpdate hook. */
  onDocumentUpdate(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void;
  /** Recomputes one project's row now (and registers the project if it is new). */
  deriveProject(workspaceId: string, projectId: string): Promise<void>;
  /** Recomputes a workspace's target results as of today (Asia/Shanghai). */
  recomputeTargets(workspaceId: string): Promise<void>;
  /** Recomputes a workspace's target results once things settle. */
  scheduleTargets(workspaceId: string): void;
  /** Starts the once-a-day pass (at the next midnight in Asia/Shanghai, then daily). */
  startDaily(): void;
  /** Runs everything scheduled now and waits for it (graceful shutdown, tests). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PROJECT_DEBOUNCE_MS = 250;
export const DEFAULT_TARGETS_DEBOUNCE_MS = 1_000;

async function withDocument<T>(host: DocumentHost, name: string, use: (doc: ServerDocument) => Promise<T> | T): Promise<T> {
  const held = await host.getDocument(name);
  try {
    return await use(held);
  } finally {
    held.release();
  }
}

const projectKey = (workspaceId: string, projectId: string): string => `${workspaceId}\u0000${projectId}`;

export function createSummaryDeriver(options: SummaryDeriverOptions): SummaryDeriver {
  const { documents, logger, now } = options;
  const timers = options.timers ?? realTimers;
  /** First member whose edit left an unregistered project's record valid: its owner once registered. */
  const creators = new Map<string, string>();
  /** Projects seen in the registry; lines are archived, never removed, so this only grows. */
  const registered = new Set<string>();
  let dailyTimer: unknown = null;
  let closed = false;

  const projects = createDebouncer(
    timers,
    options.projectDebounceMs ?? DEFAULT_PROJECT_DEBOUNCE_MS,
    (key) => {
      const [workspaceId = '', projectId = ''] = key.split('\u0000');
      return deriveProject(workspaceId, projectId);
    },
    (key, error) => logger.error({ err: error, project: key.replace('\u0000', '/') }, 'summary row derivation failed'),
  );
  const targets = createDebouncer(
    timers,
    options.targetsDebounceMs ?? DEFAULT_TARGETS_DEBOUNCE_MS,
    (workspaceId) => recomputeTargets(workspaceId),
    (workspaceId, error) => logger.error({ err: error, workspace: workspaceId }, 'target recomputation failed'),
  );

  /** Registers the project if it is new; true when it has a registry line (now or already). */
  async function registerIfNew(workspaceId: string, projectId: string, read: ReturnType<typeof readProjectDoc>): Promise<boolean> {
    const key = projectKey(workspaceId, projectId);
    if (registered.has(key)) return true;
    return withDocument(documents, workspaceDocName(workspaceId), async (ws) => {
      const creatorId = creators.get(key) ?? null;
      const trusted = creatorId !== null && creatorTrusted(ws.doc, creatorId);
      const decision = decideRegistration(read, isRegistered(ws.doc, projectId), creatorId, projectId, trusted);
      switch (decision.kind) {
        case 'registered':
          creators.delete(key);
          registered.add(key);
          return true;
        case 'empty':
          return false;
        case 'invalid':
          logger.warn({ workspace: workspaceId, project: projectId, reasons: decision.reasons }, 'unregistered project record does not validate; not registered');
          return false;
        case 'no-creator':
          logger.warn({ workspace: workspaceId, project: projectId }, 'unregistered project has no known creator; not registered');
          return false;
        case 'register': {
          let result: ReturnType<typeof registerAsServer> | null = null;
          await ws.write((doc) => {
            // re-checked inside the write: another registration may have landed while this one waited
            if (!isRegistered(doc, projectId)) result = registerAsServer(doc, decision.entry, now());
          });
          creators.delete(key);
          const outcome = result as ReturnType<typeof registerAsServer> | null;
          if (!outcome || outcome.ok) registered.add(key);
          if (outcome && !outcome.ok) logger.warn({ workspace: workspaceId, project: projectId, errors: outcome.errors }, 'registration refused by the model');
          else if (outcome) logger.info({ workspace: workspaceId, project: projectId, owner: decision.entry.ownerId, pendingReview: decision.entry.confirmed === false }, 'project registered');
          return registered.has(key);
        }
      }
    });
  }

  async function deriveProject(workspaceId: string, projectId: string): Promise<void> {
    const read = await withDocument(documents, projectDocName(workspaceId, ProjectIdSchema.parse(projectId)), (held) => readProjectDoc(held.doc));
    // A project nobody registered is not in the campaign yet: no row, so it counts for nothing and nobody.
    if (!(await registerIfNew(workspaceId, projectId, read))) return;
    const { bundle, invalid } = toProjectBundle(read);
    if (!bundle) return; // the row keeps what it last said until the record validates again
    const row = summaryRow(bundle, invalid);
    let changed = false;
    await withDocument(documents, summaryDocName(workspaceId), (summary) =>
      summary.write((doc) => {
        const before = doc.getMap(SUMMARY_KEYS.rows).get(projectId);
        const written = writeSummaryRow(doc, row);
        if (!written.ok) logger.error({ workspace: workspaceId, project: projectId, errors: written.errors }, 'summary row refused');
        changed = !jsonEqual(before, doc.getMap(SUMMARY_KEYS.rows).get(projectId));
      }),
    );
    if (changed) targets.schedule(workspaceId);
  }

  async function recomputeTargets(workspaceId: string): Promise<void> {
    const data = await withDocument(documents, workspaceDocName(workspaceId), (ws) => toWorkspaceData(readWorkspace(ws.doc)).data);
    if (!data) return;
    await withDocument(documents, summaryDocName(workspaceId), async (summary) => {
      const read = readSummary(summary.doc);
      const results = evaluateTargets(data, validValues(read.rows), shanghaiToday(now()));
      if (sameResults(validValues(read.targetResults), results)) return;
      await summary.write((doc) => {
        const written = writeTargetResults(doc, results, now());
        if (!written.ok) logger.error({ workspace: workspaceId, errors: written.errors }, 'target results refused');
      });
    });
  }

  function scheduleDaily(): void {
    if (closed) return;
    dailyTimer = timers.set(() => {
      void (async () => {
        const ids = (await options.listWorkspaces?.().catch((error: unknown) => {
          logger.error({ err: error }, 'listing workspaces for the daily pass failed');
          return [];
        })) ?? [];
        for (const id of ids) targets.schedule(id);
      })();
      scheduleDaily();
    }, msUntilNextShanghaiDay(now()));
  }

  return {
    onDocumentUpdate(docName, doc, _update, origin) {
      const name = parseDocName(docName);
      if (!name || closed) return;
      switch (name.kind) {
        case 'project': {
          const key = projectKey(name.workspaceId, name.projectId);
          if (origin.source === 'connection' && !registered.has(key) && !creators.has(key) && projectRecordValid(doc)) creators.set(key, origin.memberId);
          projects.schedule(key);
          return;
        }
        case 'workspace':
          targets.schedule(name.workspaceId);
          return;
        case 'summary':
          return; // the server's own output
      }
    },
    deriveProject,
    recomputeTargets,
    scheduleTargets(workspaceId) {
      targets.schedule(workspaceId);
    },
    startDaily() {
      if (dailyTimer === null) scheduleDaily();
    },
    async flush() {
      await projects.flush();
      await targets.flush();
    },
    async close() {
      closed = true;
      if (dailyTimer !== null) timers.clear(dailyTimer);
      dailyTimer = null;
      await projects.flush();
      await targets.flush();
      await projects.cancel();
      await targets.cancel();
    },
  };
}

function sameResults(stored: readonly TargetResult[], fresh: readonly TargetResult[]): boolean {
  if (stored.length !== fresh.length) return false;
  const byId = new Map(stored.map((r) => [r.targetId, r]));
  return fresh.every((r) => jsonEqual(byId.get(r.targetId), r));
}
