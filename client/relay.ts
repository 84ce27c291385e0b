import * as Y from 'yjs';
import * as z from 'zod/mini';
import type { ModelOrigin } from '../shared/model/origin';

/**
 * The BroadcastChannel relay: popup, board tab and service worker share one origin but not one Y.Doc, and y-indexeddb
 * does not tell the others about a write. Each document gets a channel; local changes are posted as Yjs updates and
 * received ones are applied with the relay's own origin, which is never posted again (no echo loops). A newcomer posts
 * its state vector and the others answer with what it lacks, so a page opened offline catches up at once.
 */

const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array);
const RelayMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('update'), update: BytesSchema }),
  z.object({ t: z.literal('sv'), sv: BytesSchema }),
]);
type RelayMessage = z.infer<typeof RelayMessageSchema>;

export interface Relay {
  /** The origin of updates that came through the relay. */
  readonly origin: ModelOrigin;
  /** Asks the other pages for whatever this document lacks (after the local copy has loaded). */
  hello(): void;
  destroy(): void;
}

export interface RelayOptions {
  /** Origins whose updates every page already has (loads from the shared IndexedDB): not posted. */
  skip?: (origin: unknown) => boolean;
  /** Where an update that does not apply goes (garbage from a broken page); it is dropped either way. */
  onRejected?: (error: unknown) => void;
}

export function relayChannelName(scope: string, docName: string): string {
  return `guatu-relay|${scope}|${docName}`;
}

/** An empty Yjs update (no structs, no deletions) is two zero bytes. */
const isEmptyUpdate = (update: Uint8Array): boolean => update.length <= 2 && update.every((b) => b === 0);

export function createRelay(channelName: string, doc: Y.Doc, options: RelayOptions = {}): Relay {
  const channel = new BroadcastChannel(channelName);
  // A fresh object per relay: identity tells our own relayed updates apart from every other 'remote' update.
  const origin: ModelOrigin = { source: 'remote' };
  let open = true;

  const post = (message: RelayMessage): void => {
    if (!open) return;
    try {
      channel.postMessage(message);
    } catch (error) {
      options.onRejected?.(error);
    }
  };

  const onUpdate = (update: Uint8Array, updateOrigin: unknown): void => {
    if (updateOrigin === origin || options.skip?.(updateOrigin)) return;
    post({ t: 'update', update });
  };

  channel.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = RelayMessageSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    try {
      if (message.t === 'update') {
        Y.applyUpdate(doc, message.update, origin);
      } else {
        const missing = Y.encodeStateAsUpdate(doc, message.sv);
        if (!isEmptyUpdate(missing)) post({ t: 'update', update: missing });
      }
    } catch (error) {
      options.onRejected?.(error);
    }
  };

  doc.on('update', onUpdate);
  return {
    origin,
    hello() {
      post({ t: 'sv', sv: Y.encodeStateVector(doc) });
    },
    destroy() {
      if (!open) return;
      open = false;
      doc.off('update', onUpdate);
      channel.onmessage = null;
      channel.close();
    },
  };
}
