import type { Logger } from '../log';
import { timeStorage, type SyncMetrics } from '../metrics';
import type { AppendRequest, AppendedUpdate, DocumentStore } from '../storage/document-store';
import type { CommittedUpdate } from './config';

/** A document whose accepted updates wait to be stored (a Room). */
export interface CommitSource {
  readonly name: string;
  /** Hands over the updates waiting to be stored, in the order they were applied; the source forgets them. */
  takeUnstored(): AppendRequest[];
  /** The updates last taken are stored, with their seqs. */
  stored(results: AppendedUpdate[]): void;
  /** The updates last taken could not be stored. */
  storeFailed(error: unknown): void;
}

/** A source's updates as stored in one batch. */
interface Stored {
  source: CommitSource;
  results: AppendedUpdate[];
  entries: readonly AppendRequest[];
}

/** Batches written at the same time at most (each on its own database connection when the store has several). */
export const MAX_BATCHES_IN_FLIGHT = 4;

/**
 * Group commit: accepted updates go to peers at once and are stored right after, every update of one event-loop turn
 * (all documents) in ONE store transaction. An update is already with its sender and its peers before it is
 * durable; if the server dies first, those clients resend it on reconnect (sync step 2), so nothing is lost.
 *
 * Several batches may be in flight (up to MAX_BATCHES_IN_FLIGHT), so an update arriving while a commit is under way
 * need not wait for it (with several instances, an update reaches the others only after its commit: the wait would
 * be theirs too). A document is in at most one batch in flight: its next updates wait for that batch, so each
 * document's updates still reach the store in the order they were applied, and a failed batch is retried before
 * anything later of the same document is written.
 */
export class GroupCommit {
  private readonly waiting = new Set<CommitSource>();
  /** Sources whose taken updates are being written. */
  private readonly writing = new Set<CommitSource>();
  private readonly inFlight = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: SyncMetrics,
    private readonly logger: Logger,
    /** Told of every stored update after its commit (the cluster publishes them to other instances). */
    private readonly onCommitted?: (updates: CommittedUpdate[]) => void,
  ) {}

  /** `source` has updates to store; they go in a batch written after this event-loop turn. */
  schedule(source: CommitSource): void {
    this.waiting.add(source);
    this.kick();
  }

  /** Resolves once everything scheduled so far is stored (or reported failed to its source). Never rejects. */
  async flush(): Promise<void> {
    while (this.waiting.size > 0 || this.inFlight.size > 0) {
      this.launch();
      // a source still waiting is either being written (its batch is in flight) or waits for a free slot
      if (this.inFlight.size === 0) return;
      await Promise.race(this.inFlight);
    }
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.launch();
    });
  }

  /** Starts one batch of every waiting source that is not being written, when a slot is free. */
  private launch(): void {
    if (this.inFlight.size >= MAX_BATCHES_IN_FLIGHT) return;
    const sources = [...this.waiting].filter((source) => !this.writing.has(source));
    if (sources.length === 0) return;
    for (const source of sources) {
      this.waiting.delete(source);
      this.writing.add(source);
    }
    const batches = sources.map((source) => source.takeUnstored());
    const run = this.write(sources, batches).finally(() => {
      for (const source of sources) this.writing.delete(source);
      this.inFlight.delete(run);
      // what arrived for these documents meanwhile (or waited for a slot) goes now
      this.launch();
    });
    this.inFlight.add(run);
  }

  private async write(sources: CommitSource[], batches: AppendRequest[][]): Promise<void> {
    const entries = batches.flat();
    if (entries.length === 0) return;
    let results: AppendedUpdate[];
    try {
      results = await timeStorage(this.metrics, 'append', () => this.store.appendMany(entries));
    } catch (error) {
      // one document's batch must not take the others down: retry each on its own
      this.logger.warn({ err: error, documents: sources.length, updates: entries.length }, 'batch append failed; retrying per document');
      await this.storeEach(sources, batches);
      return;
    }
    let offset = 0;
    const stored: Stored[] = [];
    sources.forEach((source, i) => {
      const count = batches[i]?.length ?? 0;
      if (count > 0) stored.push({ source, results: results.slice(offset, offset + count), entries: batches[i] ?? [] });
      offset += count;
    });
    this.deliver(stored);
  }

  /**
   * Tells the cluster of a batch's commits at once (other instances then get the batch in one delivery), then each
   * source. A source's own trouble after its updates are stored must not look like a storage failure.
   */
  private deliver(stored: readonly Stored[]): void {
    if (this.onCommitted) {
      try {
        this.onCommitted(
          // one result per entry, in order (appendMany's contract): an empty stand-in would publish a seq without its update
          stored.flatMap(({ source, results, entries }) =>
            entries.map((entry, i) => ({ docName: source.name, seq: (results[i] as AppendedUpdate).seq, update: entry.update, author: entry.author })),
          ),
        );
      } catch (error) {
        this.logger.error({ err: error, documents: stored.length }, 'publishing stored updates failed');
      }
    }
    for (const { source, results } of stored) {
      try {
        source.stored(results);
      } catch (error) {
        this.logger.error({ err: error, doc: source.name }, 'handling stored updates failed');
      }
    }
  }

  private async storeEach(sources: CommitSource[], batches: AppendRequest[][]): Promise<void> {
    for (const [i, source] of sources.entries()) {
      const batch = batches[i] ?? [];
      if (batch.length === 0) continue;
      let results: AppendedUpdate[];
      try {
        results = await timeStorage(this.metrics, 'append', () => this.store.appendMany(batch));
      } catch (error) {
        source.storeFailed(error);
        continue;
      }
      this.deliver([{ source, results, entries: batch }]);
    }
  }
}
