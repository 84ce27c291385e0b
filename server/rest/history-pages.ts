/**
 * Pages of projects' attributed histories at the cost of the page, not of the history. Per document it keeps the
 * replay reached so far (the scratch document, its fields, every entry computed) in a bounded LRU, so the next page or
 * a later request continues from there and reads from the store only updates it has not applied yet. Concurrent
 * requests for one document share one computation. Stored history only ever grows (the hash chain forbids rewriting
 * it), so what is cached never goes stale; it only falls behind, and each request catches up first.
 */
import type { DocumentStore } from '../storage/document-store';
import { HistoryReplayer, type HistoryEntry, type HistoryPage } from './history-replay';

export interface HistoryPagesOptions {
  store: Pick<DocumentStore, 'history'>;
  /** Updates read from the store per call. */
  readBatch?: number;
  /** Updates applied between two turns of the event loop (see `advance`). */
  yieldEvery?: number;
  /** Estimated memory the cached replays may take together. */
  maxCacheBytes?: number;
  /** Documents cached at most. */
  maxDocuments?: number;
  /** How a long replay lets other work run; tests may count the turns. */
  yieldToLoop?: () => Promise<void>;
}

export interface HistoryPagesStats {
  /** Stored updates applied to scratch documents since start. */
  updatesApplied: number;
  /** Calls to store.history and the updates they returned. */
  storeReads: number;
  updatesRead: number;
  documents: number;
  estimatedBytes: number;
}

export interface HistoryPages {
  /** Entries after seq `after`, at most `limit`, as the whole-log replay would give them; null when nothing is stored. */
  page(docName: string, after: number, limit: number): Promise<HistoryPage | null>;
  stats(): HistoryPagesStats;
}

export const DEFAULT_HISTORY_CACHE_BYTES = 64 * 1024 * 1024;

/** A replay in progress or reached, for one document. */
interface DocHistory {
  replayer: HistoryReplayer;
  /** Entries of every update applied so far, by seq; updates that changed nothing visible have none. */
  entries: HistoryEntry[];
  entryBytes: number;
  /** The highest seq the store has shown to exist (≥ replayer.seq). */
  seenSeq: number;
  /** The computation whose last read found the end of the stored history (0: none yet). */
  endFoundBy: number;
  running: { id: number; done: Promise<void> } | null;
  /** Requests using this record now; it is not evicted while any are. */
  users: number;
  /** A computation failed part-way (a store error, an update Yjs refused): the replay may be torn, so it is dropped. */
  broken: boolean;
}

/** A rough size of an entry in memory: its JSON twice over (UTF-16 strings, object headers). */
function entryBytes(entry: HistoryEntry): number {
  return 64 + 2 * JSON.stringify(entry.changes).length;
}

/** Scratch Y.Docs take a few times the bytes of the updates applied to them. */
const DOC_BYTES_PER_UPDATE_BYTE = 4;

function estimatedBytes(doc: DocHistory): number {
  return doc.entryBytes + DOC_BYTES_PER_UPDATE_BYTE * doc.replayer.appliedBytes;
}

/** Index of the first entry with seq > after (entries are sorted by seq). */
function firstAfter(entries: readonly HistoryEntry[], after: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid]?.seq ?? 0) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const setImmediateTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createHistoryPages(options: HistoryPagesOptions): HistoryPages {
  const { store } = options;
  const readBatch = options.readBatch ?? 256;
  // ~0.15 ms an update on a demo project here: 5000 updates replay in 0.7 s with no turn of the loop longer than ~30 ms
  const yieldEvery = options.yieldEvery ?? 32;
  const maxBytes = options.maxCacheBytes ?? DEFAULT_HISTORY_CACHE_BYTES;
  const maxDocuments = options.maxDocuments ?? 512;
  const yieldToLoop = options.yieldToLoop ?? setImmediateTurn;
  /** Map order is recency: a document used is deleted and set again. */
  const cache = new Map<string, DocHistory>();
  const counters = { updatesApplied: 0, storeReads: 0, updatesRead: 0 };
  let computations = 0;

  /** The page if the cache answers it; `fresh` is the computation that ran (or was joined) for this request. */
  function answer(doc: DocHistory, after: number, limit: number, fresh: number): HistoryPage | 'unknown' | null {
    const start = firstAfter(doc.entries, after);
    const entries = doc.entries.slice(start, start + limit);
    const last = entries.at(-1);
    if (entries.length === limit && last && doc.seenSeq > last.seq) return { entries, nextAfter: last.seq };
    // A short page or one ending at the last update seen: only true if the end was looked for on this request's behalf.
    if (fresh === 0 || doc.endFoundBy !== fresh || doc.replayer.seq !== doc.seenSeq) return 'unknown';
    if (doc.seenSeq === 0) return null;
    return { entries, nextAfter: null };
  }

  /** True when the page is known without looking for the end (it is full and more updates follow it). */
  function filled(doc: DocHistory, after: number, limit: number): boolean {
    const start = firstAfter(doc.entries, after);
    const last = doc.entries[start + limit - 1];
    return last !== undefined && doc.seenSeq > last.seq;
  }

  /**
   * Replays stored updates until the page is known or the history ends. The first request on a long history may
   * replay all of it once; it yields to the event loop every `yieldEvery` updates so /health and the sync server keep
   * answering meanwhile, instead of the seconds a whole-history replay used to block.
   */
  async function advance(name: string, doc: DocHistory, after: number, limit: number, id: number): Promise<void> {
    let sinceYield = 0;
    for (;;) {
      if (filled(doc, after, limit)) return;
      const rows = await store.history(name, doc.replayer.seq + 1, readBatch);
      counters.storeReads += 1;
      counters.updatesRead += rows.length;
      const newest = rows.at(-1);
      if (newest) doc.seenSeq = Math.max(doc.seenSeq, newest.seq);
      for (const row of rows) {
        // Rows after the page's last entry prove more follows; they need not be applied (a later page reads them again).
        if (filled(doc, after, limit)) return;
        const entry = doc.replayer.apply(row);
        counters.updatesApplied += 1;
        if (entry) {
          doc.entries.push(entry);
          doc.entryBytes += entryBytes(entry);
        }
        if (++sinceYield >= yieldEvery) {
          sinceYield = 0;
          await yieldToLoop();
        }
      }
      if (rows.length < readBatch) {
        // Seqs never go away; should a store say otherwise, believe it rather than wait for updates it lost.
        doc.seenSeq = doc.replayer.seq;
        doc.endFoundBy = id;
        return;
      }
    }
  }

  function evict(): void {
    let total = 0;
    for (const doc of cache.values()) total += estimatedBytes(doc);
    for (const [name, doc] of cache) {
      if (total <= maxBytes && cache.size <= maxDocuments) break;
      if (doc.users > 0) continue;
      total -= estimatedBytes(doc);
      doc.replayer.destroy();
      cache.delete(name);
    }
  }

  function open(name: string): DocHistory {
    const cached = cache.get(name);
    if (cached) cache.delete(name);
    const doc = cached ?? { replayer: new HistoryReplayer(), entries: [], entryBytes: 0, seenSeq: 0, endFoundBy: 0, running: null, users: 0, broken: false };
    cache.set(name, doc);
    return doc;
  }

  return {
    async page(name, after, limit) {
      const doc = open(name);
      doc.users += 1;
      try {
        let fresh = 0;
        for (;;) {
          const known = answer(doc, after, limit, fresh);
          if (known !== 'unknown') return known;
          if (doc.running) {
            // Share the computation under way; if it stopped short of this page, the loop starts the next one.
            fresh = doc.running.id;
            await doc.running.done;
            continue;
          }
          const id = ++computations;
          const done = advance(name, doc, after, limit, id)
            .catch((error: unknown) => {
              doc.broken = true;
              throw error;
            })
            .finally(() => {
              if (doc.running?.id === id) doc.running = null;
            });
          doc.running = { id, done };
          fresh = id;
          await done;
        }
      } finally {
        doc.users -= 1;
        // Nothing stored: do not keep a record for every project id someone asks about.
        if ((doc.broken || (doc.users === 0 && doc.seenSeq === 0)) && cache.get(name) === doc) cache.delete(name);
        if (doc.users === 0 && cache.get(name) !== doc) doc.replayer.destroy();
        evict();
      }
    },

    stats() {
      let bytes = 0;
      for (const doc of cache.values()) bytes += estimatedBytes(doc);
      return { ...counters, documents: cache.size, estimatedBytes: bytes };
    },
  };
}
