import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes';
import type { AppliedChange } from './applied-change';
import type { SyncLimits } from './config';
import type { Refusal } from './refusal';

/**
 * How big a loaded document may grow: its encoded bytes, and the entries of each top-level map or array. The byte
 * size is estimated from above (the loaded state plus every accepted update since) and measured exactly only when
 * the estimate nears the cap, since encoding a large document on every edit would cost more than the edit.
 */
export class DocumentSize {
  /** Encoded size of the document, approximated from above. */
  private approxBytes: number;
  /** The estimate when it was last measured exactly; it only grows, so near the cap it is measured again. */
  private measuredBytes: number;

  constructor(
    private readonly limits: Pick<SyncLimits, 'maxDocumentBytes' | 'maxEntriesPerType'>,
    loadedBytes: number,
  ) {
    this.approxBytes = this.measuredBytes = loadedBytes;
  }

  /** The document was loaded again from a state of `bytes`. */
  reset(bytes: number): void {
    this.approxBytes = this.measuredBytes = bytes;
  }

  /** An update of `bytes` was accepted. */
  grew(bytes: number): void {
    this.approxBytes += bytes;
  }

  /** Refuses an update that would make `doc` larger than the cap; checked before it is applied. */
  byteRefusal(doc: Y.Doc, update: Uint8Array): Refusal | null {
    const maxBytes = this.limits.maxDocumentBytes;
    if (this.approxBytes + update.length > maxBytes && this.approxBytes - this.measuredBytes > maxBytes / 8) {
      // a long-lived document's estimate adds up every edit ever accepted: measure it before refusing anything
      this.approxBytes = this.measuredBytes = Y.encodeStateAsUpdate(doc).length;
    }
    if (this.approxBytes + update.length <= maxBytes) return null;
    // the update may repeat what we have (a sync step 2): only what is new counts
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(doc)).length;
    if (this.approxBytes + fresh <= maxBytes) return null;
    return { code: CloseCode.documentTooLarge, reason: 'too-large', detail: `document would exceed ${maxBytes} bytes` };
  }

  /** A type that grew past its entry limit (a map of 150k keys, say); a type already that large may still shrink. */
  entryRefusal(change: AppliedChange): Refusal | null {
    const max = this.limits.maxEntriesPerType;
    for (const { name, entries } of change.sizes) {
      if (entries <= max) continue;
      const grew = change.keys.some((k) => k.map === name && k.before === undefined && k.after !== undefined) || change.appended.some((a) => a.array === name);
      if (grew) return { code: CloseCode.documentTooLarge, reason: 'too-large', detail: `${name} would hold ${entries} entries (at most ${max})` };
    }
    return null;
  }
}
