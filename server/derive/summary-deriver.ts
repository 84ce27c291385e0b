/**
 * Keeps each workspace's summary document derived from its project documents (SPEC §4).
 *
 * Derivation policy (one path, server side): the server derives and stores each project's summary row, so the board
 * reads one summary document instead of loading every project document. Target results are NOT stored: whoever
 * displays them (board, circular, popup, REST) computes them from the rows and the targets with the shared
 * `evaluateTargets`, because they move with the calendar (序时进度) and with offline edits to targets, which a stored
 * result would lag behind. Older summary documents may still hold a `targetResults` map; nothing reads it.
 *
 * Cost follows the change: a changed project's row is recomputed once its edits settle (debounced per document, with
 * a maximum wait so a member streaming edits neither postpones it forever nor runs it more than once per wait), and
 * the recomputation re-parses only the records the edits touched (project-records.ts). Nothing is derived at startup:
 * rows are stored.
 */
import type * as Y from 'yjs';
import { summaryRow } from '../../shared/calc/summary-row';
import { toProjectBundle } from '../../shared/model/bundles';
import { parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { readSummary, readSummaryRow, writeSummaryRow } from '../../shared/model/summary';
import { validValues } from '../../shared/model/result';
import { workspaceMap } from '../../shared/model/workspace-read';
import { setProblemParties } from '../../shared/model/workspace-write';
import { problemPartiesOf } from '../../shared/rights';
import { ProjectIdSchema } from '../../shared/schema/common';
import type { Logger } from '../log';
import type { ServerDocument } from '../sync/sync-server';
import type { UpdateOrigin } from '../sync/config';
import type { WriteFence } from '../storage/document-store';
import { createDebouncer } from './debouncer';
import { stampReportReceipts } from './report-receipts';
import { creatorTrusted, decideRegistration, isRegistered, projectRecordValid, registerAsServer } from './project-registration';
import { ProjectRecordsCache, type ParseCounter, type ProjectRecordsRead } from './project-records';
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
  /** Under a stream of edits with no quiet time, the row is recomputed at least (and at most) this often. */
  projectMaxWaitMs?: number;
  /** Called once per project record parsed (tests count them). */
  countParse?: ParseCounter;
  /**
   * Several instances (docs/scale-out.md §4): the fence of this instance's summary lease on the workspace, or null
   * while another instance holds it (this one then derives nothing there). Absent: this process is the only deriver.
   */
  leaseFence?(workspaceId: string): WriteFence | null;
  /** Who created an unregistered project when no edit seen by this instance says (the author of its first update). */
  firstAuthor?(docName: string): Promise<string | null>;
}

export interface SummaryDeriver {
  /** The sync server's onDocumentUpdate hook. */
  onDocumentUpdate(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void;
  /** Recomputes one project's row now (and registers the project if it is new). */
  deriveProject(workspaceId: string, projectId: string): Promise<void>;
  /**
   * Records who answers for each project's open problems (`problemParties`) from the summary rows, where a registry
   * line lacks it or disagrees: for workspaces stored before the 销号 loop, so a department's head can answer for its
   * problems before anyone edits the project again. Returns how many registry lines it wrote.
   */
  backfillProblemParties(workspaceId: string): Promise<number>;
  /** Runs everything scheduled now and waits for it (graceful shutdown, tests). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PROJECT_DEBOUNCE_MS = 250;
export const DEFAULT_PROJECT_MAX_WAIT_MS = 2_000;

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
  /** Parsed records per loaded project document, kept in step with its edits. */
  const records = new ProjectRecordsCache(options.countParse);
  let closed = false;

  const projects = createDebouncer(
    timers,
    options.projectDebounceMs ?? DEFAULT_PROJECT_DEBOUNCE_MS,
    (key) => {
      const [workspaceId = '', projectId = ''] = key.split('\u0000');
      return deriveProject(workspaceId, projectId);
    },
    (key, error) => logger.error({ err: error, project: key.replace('\u0000', '/') }, 'summary row derivation failed'),
    options.projectMaxWaitMs ?? DEFAULT_PROJECT_MAX_WAIT_MS,
  );

  /** Registers the project if it is new; true when it has a registry line (now or already). */
  async function registerIfNew(workspaceId: string, projectId: string, read: ProjectRecordsRead, fence: WriteFence | undefined): Promise<boolean> {
    const key = projectKey(workspaceId, projectId);
    if (registered.has(key)) return true;
    const creatorId =
      creators.get(key) ?? (options.firstAuthor ? await options.firstAuthor(projectDocName(workspaceId, ProjectIdSchema.parse(projectId))) : null);
    return withDocument(documents, workspaceDocName(workspaceId), async (ws) => {
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
          logger.warn(
            { workspace: workspaceId, project: projectId, reasons: decision.reasons },
            'unregistered project record does not validate; not registered',
          );
          return false;
        case 'no-creator':
          logger.warn({ workspace: workspaceId, project: projectId }, 'unregistered project has no known creator; not registered');
          return false;
        case 'register': {
          let result: ReturnType<typeof registerAsServer> | null = null;
          await ws.write(
            (doc) => {
              // re-checked inside the write: another registration may have landed while this one waited
              if (!isRegistered(doc, projectId)) result = registerAsServer(doc, decision.entry, now());
            },
            undefined,
            fence,
          );
          creators.delete(key);
          const outcome = result as ReturnType<typeof registerAsServer> | null;
          if (!outcome || outcome.ok) registered.add(key);
          if (outcome && !outcome.ok) logger.warn({ workspace: workspaceId, project: projectId, errors: outcome.errors }, 'registration refused by the model');
          else if (outcome)
            logger.info(
              { workspace: workspaceId, project: projectId, owner: decision.entry.ownerId, pendingReview: decision.entry.confirmed === false },
              'project registered',
            );
          return registered.has(key);
        }
      }
    });
  }

  async function deriveProject(workspaceId: string, projectId: string): Promise<void> {
    const fence = options.leaseFence ? options.leaseFence(workspaceId) : undefined;
    if (fence === null) return; // another instance derives this workspace
    const read = await withDocument(documents, projectDocName(workspaceId, ProjectIdSchema.parse(projectId)), (held) => records.of(held.doc).read());
    // A project nobody registered is not in the campaign yet: no row, so it counts for nothing and nobody.
    if (!(await registerIfNew(workspaceId, projectId, read, fence))) return;
    const { bundle, invalid } = toProjectBundle(read);
    if (!bundle) return; // the row keeps what it last said until the record validates again
    const row = summaryRow(bundle, invalid);
    await withDocument(documents, summaryDocName(workspaceId), (summary) =>
      summary.write(
        (doc) => {
          // writes nothing when the row is unchanged
          const written = writeSummaryRow(doc, stampReportReceipts(row, readSummaryRow(doc, projectId), now()));
          if (!written.ok) logger.error({ workspace: workspaceId, project: projectId, errors: written.errors }, 'summary row refused');
        },
        undefined,
        fence,
      ),
    );
    await recordProblemParties(workspaceId, projectId, problemPartiesOf(bundle.problems));
  }

  /** Who answers for the project's open problems, in its registry line: rights follow it (shared/rights.ts). */
  async function recordProblemParties(workspaceId: string, projectId: string, parties: { members: string[]; units: string[] }): Promise<void> {
    await withDocument(documents, workspaceDocName(workspaceId), (ws) =>
      ws.write((doc) => {
        if (!isRegistered(doc, projectId)) return;
        // one key of the registry line, not the whole registry: this runs after every derivation
        const before = workspaceMap(doc, 'registry').get(`${projectId}/problemParties`) ?? { members: [], units: [] };
        if (JSON.stringify(before) === JSON.stringify(parties)) return;
        const written = setProblemParties(doc, projectId, parties, { memberId: 'server', at: now() });
        if (!written.ok) logger.error({ workspace: workspaceId, project: projectId, errors: written.errors }, 'problem parties refused');
      }),
    );
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
        case 'summary':
          return; // rows do not depend on the workspace document; the summary is the server's own output
      }
    },
    deriveProject,
    async backfillProblemParties(workspaceId) {
      const rows = await withDocument(documents, summaryDocName(workspaceId), (summary) => validValues(readSummary(summary.doc).rows));
      let written = 0;
      await withDocument(documents, workspaceDocName(workspaceId), (ws) =>
        ws.write((doc) => {
          const registry = workspaceMap(doc, 'registry');
          for (const row of rows) {
            if (!isRegistered(doc, row.projectId)) continue;
            const parties = problemPartiesOf(row.problems.map((p) => ({ ...p, archived: false })));
            const before = registry.get(`${row.projectId}/problemParties`) ?? { members: [], units: [] };
            if (JSON.stringify(before) === JSON.stringify(parties)) continue;
            if (setProblemParties(doc, row.projectId, parties, { memberId: 'server', at: now() }).ok) written += 1;
          }
        }),
      );
      return written;
    },
    async flush() {
      await projects.flush();
    },
    async close() {
      closed = true;
      await projects.flush();
      await projects.cancel();
    },
  };
}
