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

/**
 * Group commit: accepted updates go to peers at once and are stored right after, every update of one event-loop turn
 * (all documents) in ONE store transaction. An update is already with its sender and its peers before it is
 * durable; if the server dies first, those clients resend it on reconnect (sync step 2), so nothing is lost.
 * One batch is written at a time, so each document's updates reach the store in the order they were applied.
 */
export class GroupCommit {
  private readonly waiting = new Set<CommitSource>();
  private scheduled = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: SyncMetrics,
    private readonly logger: Logger,
    /** Told of every stored update after its commit (the cluster publishes them to other instances). */
    private readonly onCommitted?: (updates: CommittedUpdate[]) => void,
  ) {}

  /** `source` has updates to store; they go in the batch written after this event-loop turn. */
  schedule(source: CommitSource): void {
    this.waiting.add(source);
    this.kick();
  }

  /** Resolves once everything scheduled so far is stored (or reported failed to its source). Never rejects. */
  async flush(): Promise<void> {
    while (this.running !== null || this.waiting.size > 0) await (this.running ?? this.start());
  }

  private start(): Promise<void> {
    const running = this.drain().finally(() => {
      this.running = null;
      // something scheduled between the last batch and now would otherwise wait for the next schedule()
      if (this.waiting.size > 0) this.kick();
    });
    this.running = running;
    return running;
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running === null && this.waiting.size > 0) void this.start();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.size > 0) {
      const sources = [...this.waiting];
      this.waiting.clear();
      const batches = sources.map((source) => source.takeUnstored());
      const entries = batches.flat();
      if (entries.length === 0) continue;
      let results: AppendedUpdate[];
      try {
        results = await timeStorage(this.metrics, 'append', () => this.store.appendMany(entries));
      } catch (error) {
        // one document's batch must not take the others down: retry each on its own
        this.logger.warn({ err: error, documents: sources.length, updates: entries.length }, 'batch append failed; retrying per document');
        await this.storeEach(sources, batches);
        continue;
      }
      let offset = 0;
      sources.forEach((source, i) => {
        const count = batches[i]?.length ?? 0;
        if (count > 0) this.deliver(source, results.slice(offset, offset + count), batches[i] ?? []);
        offset += count;
      });
    }
  }

  /** A source's own trouble after its updates are stored must not look like a storage failure. */
  private deliver(source: CommitSource, results: AppendedUpdate[], entries: readonly AppendRequest[]): void {
    if (this.onCommitted) {
      try {
        this.onCommitted(
          // one result per entry, in order (appendMany's contract): an empty stand-in would publish a seq without its update
          entries.map((entry, i) => ({ docName: source.name, seq: (results[i] as AppendedUpdate).seq, update: entry.update, author: entry.author })),
        );
      } catch (error) {
        this.logger.error({ err: error, doc: source.name }, 'publishing stored updates failed');
      }
    }
    try {
      source.stored(results);
    } catch (error) {
      this.logger.error({ err: error, doc: source.name }, 'handling stored updates failed');
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
      this.deliver(source, results, batch);
    }
  }
}
