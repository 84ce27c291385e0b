import type { StoredUpdate } from '../../../server/storage/document-store';
import { MemoryStore } from '../sync/memory-store';

/** The in-memory store, counting history reads and the updates they return, with a gate to hold reads back. */
export class CountingStore extends MemoryStore {
  reads = 0;
  updatesRead = 0;
  /** When set, history() waits for it (to have many requests in flight at once). */
  historyGate: Promise<void> | null = null;

  /** Puts an already stored log in place (seqs as given). */
  seed(docName: string, updates: readonly StoredUpdate[]): void {
    this.updates.set(
      docName,
      updates.map((u) => ({ ...u, docName })),
    );
  }

  override async history(docName: string, fromSeq?: number, limit?: number): Promise<StoredUpdate[]> {
    if (this.historyGate) await this.historyGate;
    const rows = await super.history(docName, fromSeq, limit);
    this.reads += 1;
    this.updatesRead += rows.length;
    return rows;
  }
}

/** A promise and the function that opens it. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
