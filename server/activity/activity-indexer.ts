/**
 * Fills the activity index from the stored history, in the background: each project document's updates are replayed
 * in order (HistoryReplayer, the per-project history's own replay, so both say the same) and each user action is stored
 * with its author, the author's unit and its kind. It follows every document's seq from the index's own mark, so it
 * resumes after a restart (`catchUp`) and indexing an update twice stores it once.
 *
 * It never holds up sync: commits only name the document (`notify`); one document at a time is replayed, with a turn
 * of the event loop every few updates or milliseconds. Memory stays bounded: at most `readBatch` updates and their entries in hand, and
 * an LRU of replays reached (a document evicted replays from its start on its next change, a few ms for a project).
 */
import { parseDocName } from '../../shared/model/doc-names';
import { entryAction, entryKind } from '../../shared/history/entry-kind';
import type { Logger } from '../log';
import type { DocumentStore, StoredUpdate } from '../storage/document-store';
import { HistoryReplayer } from '../rest/history-replay';
import type { ActivityEntry, ActivityIndex } from './activity-index';

export interface ActivityIndexerOptions {
  store: Pick<DocumentStore, 'history' | 'listDocuments'>;
  index: ActivityIndex;
  /** Each member's unit in the workspace, when its entries are indexed. */
  unitsOf(workspaceId: string): Promise<ReadonlyMap<string, string | null>>;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Updates read from the store per call. */
  readBatch?: number;
  /** Updates applied between two turns of the event loop, at most. */
  yieldEvery?: number;
  /** Time spent between two turns of the event loop, at most (ms; checked after each update). */
  yieldAfterMs?: number;
  /** Replays kept between changes, at most (documents), and their estimated bytes together. */
  maxReplays?: number;
  maxReplayBytes?: number;
  yieldToLoop?: () => Promise<void>;
}

export interface ActivityIndexerStats {
  /** Documents indexed, updates applied (re-replays included) and entries stored since start. */
  documents: number;
  updatesApplied: number;
  entriesStored: number;
  /** Documents whose history cannot be replayed, left out until the next start. */
  skipped: number;
  queued: number;
}

export interface ActivityIndexer {
  /** A project document's update was stored: index it soon. Cheap; never waits. */
  notify(docName: string): void;
  /** Queues every stored project document (after a start: whatever was stored while no indexer ran). */
  catchUp(): Promise<void>;
  /** Resolves once nothing is queued or being indexed. */
  idle(): Promise<void>;
  stats(): ActivityIndexerStats;
  /** Stops after the document being indexed; what is left is picked up by the next start's catchUp. */
  close(): Promise<void>;
}

/** Scratch Y.Docs take a few times the bytes of the updates applied to them (as history-pages.ts estimates). */
const DOC_BYTES_PER_UPDATE_BYTE = 4;

const setImmediateTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An update Yjs or the model could not replay: this document's history is not describable. */
class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

export function createActivityIndexer(options: ActivityIndexerOptions): ActivityIndexer {
  const { store, index, logger } = options;
  const readBatch = options.readBatch ?? 256;
  const yieldEvery = options.yieldEvery ?? 32;
  const maxReplays = options.maxReplays ?? 64;
  const maxReplayBytes = options.maxReplayBytes ?? 32 * 1024 * 1024;
  const yieldToLoop = options.yieldToLoop ?? setImmediateTurn;
  const yieldAfterMs = options.yieldAfterMs ?? 8;
  /** Documents to look at, in the order they were named, each once: those just committed before a start's backlog. */
  const live = new Set<string>();
  const backlog = new Set<string>();
  /** Map order is recency. */
  const replays = new Map<string, HistoryReplayer>();
  const skipped = new Set<string>();
  const counters = { documents: 0, updatesApplied: 0, entriesStored: 0 };
  let running: Promise<void> | null = null;
  let closed = false;
  let sinceYield = 0;
  let lastYield = performance.now();

  async function turn(): Promise<void> {
    if (++sinceYield < yieldEvery && performance.now() - lastYield < yieldAfterMs) return;
    sinceYield = 0;
    await yieldToLoop();
    lastYield = performance.now();
  }

  function keep(name: string, replayer: HistoryReplayer): void {
    replays.set(name, replayer);
    let bytes = 0;
    for (const r of replays.values()) bytes += DOC_BYTES_PER_UPDATE_BYTE * r.appliedBytes;
    for (const [key, r] of replays) {
      if (replays.size <= maxReplays && bytes <= maxReplayBytes) break;
      bytes -= DOC_BYTES_PER_UPDATE_BYTE * r.appliedBytes;
      r.destroy();
      replays.delete(key);
    }
  }

  function apply(replayer: HistoryReplayer, row: StoredUpdate) {
    try {
      return replayer.apply(row);
    } catch (error) {
      throw new ReplayError(`update ${row.seq}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Indexes what is stored past the document's mark. */
  async function indexDocument(name: string, workspaceId: string, projectId: string): Promise<void> {
    const mark = await index.indexedSeq(name);
    if ((await store.history(name, mark + 1, 1)).length === 0) return;
    let replayer = replays.get(name) ?? null;
    replays.delete(name);
    // another instance (shared PostgreSQL) may have moved the mark past an old replay: it only ever falls behind, never ahead
    if (replayer && replayer.seq > mark) {
      replayer.destroy();
      replayer = null;
    }
    replayer ??= new HistoryReplayer();
    try {
      const units = await options.unitsOf(workspaceId);
      for (;;) {
        const rows = await store.history(name, replayer.seq + 1, readBatch);
        const entries: ActivityEntry[] = [];
        for (const row of rows) {
          const entry = apply(replayer, row);
          counters.updatesApplied += 1;
          if (entry && row.seq > mark) {
            entries.push({
              workspaceId,
              projectId,
              seq: entry.seq,
              at: entry.at,
              memberId: entry.author,
              unitId: units.get(entry.author) ?? null,
              kind: entryKind(entry.changes),
              action: entryAction(entry.changes),
              changes: entry.changes,
            });
          }
          await turn();
        }
        if (replayer.seq > mark) {
          await index.record(name, entries, replayer.seq);
          counters.entriesStored += entries.length;
        }
        if (rows.length < readBatch || closed) break;
      }
      counters.documents += 1;
      keep(name, replayer);
    } catch (error) {
      replayer.destroy();
      if (!(error instanceof ReplayError)) throw error;
      skipped.add(name);
      logger.warn({ doc: name, err: error.message }, 'activity index: this document’s history cannot be replayed; it is left out of the activity');
    }
  }

  async function drain(): Promise<void> {
    while (!closed) {
      const queue = live.size > 0 ? live : backlog;
      const name = queue.values().next().value;
      if (name === undefined) return;
      queue.delete(name);
      backlog.delete(name);
      const doc = parseDocName(name);
      if (doc?.kind !== 'project' || skipped.has(name)) continue;
      try {
        await indexDocument(name, doc.workspaceId, doc.projectId);
      } catch (error) {
        // a store or index failure: the mark did not move, so the next change (or start) picks the document up again
        logger.error({ doc: name, err: error instanceof Error ? error.message : String(error) }, 'activity index: indexing failed');
      }
      await yieldToLoop();
      lastYield = performance.now();
    }
  }

  function start(): void {
    if (running || closed || live.size + backlog.size === 0) return;
    running = drain().finally(() => {
      running = null;
      // named while the last document was being finished
      start();
    });
  }

  return {
    notify(name) {
      if (closed || skipped.has(name)) return;
      live.add(name);
      start();
    },
    async catchUp() {
      for (const name of await store.listDocuments('ws/')) if (parseDocName(name)?.kind === 'project' && !skipped.has(name)) backlog.add(name);
      start();
    },
    async idle() {
      while (running) await running;
    },
    stats() {
      return { ...counters, skipped: skipped.size, queued: live.size + backlog.size };
    },
    async close() {
      closed = true;
      await running;
      for (const r of replays.values()) r.destroy();
      replays.clear();
    },
  };
}
