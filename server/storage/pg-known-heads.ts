/**
 * The chain heads this instance last committed, per document: what the one-round-trip append (pg-store.ts) expects
 * to find. Bounded (least recently used go first); a missing or stale entry only costs the four-round-trip append.
 */
import type { ChainHead } from './hash-chain';

export class KnownHeads {
  private readonly heads = new Map<string, ChainHead>();

  constructor(private readonly capacity = 10_000) {}

  get(docName: string): ChainHead | undefined {
    const head = this.heads.get(docName);
    if (head === undefined) return undefined;
    // most recently used last, so eviction takes the oldest
    this.heads.delete(docName);
    this.heads.set(docName, head);
    return head;
  }

  set(docName: string, head: ChainHead): void {
    this.heads.delete(docName);
    this.heads.set(docName, head);
    while (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next();
      if (oldest.done) break;
      this.heads.delete(oldest.value);
    }
  }

  forget(docName: string): void {
    this.heads.delete(docName);
  }

  get size(): number {
    return this.heads.size;
  }
}
