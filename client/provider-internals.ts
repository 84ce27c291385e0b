import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

/** y-websocket's message type of the sync protocol (its `messageSync`). */
export const MESSAGE_SYNC = 0;

type MessageHandler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

/**
 * The one place that writes y-websocket internals: it runs `before` ahead of this provider's sync message handler (the
 * provider copies its handler table per instance, so other providers are untouched) and returns the function that
 * puts the original back. Throws if an upgrade of y-websocket no longer has the table or the handler, so the unsynced
 * count cannot silently stop counting.
 */
export function beforeSyncMessages(provider: WebsocketProvider, before: (decoder: decoding.Decoder, emitSynced: boolean) => void): () => void {
  const handlers: unknown = (provider as { messageHandlers?: unknown }).messageHandlers;
  const original = Array.isArray(handlers) ? (handlers[MESSAGE_SYNC] as unknown) : undefined;
  if (!Array.isArray(handlers) || typeof original !== 'function') {
    throw new Error('y-websocket changed: provider.messageHandlers[messageSync] is no longer a function (see client/provider-internals.ts)');
  }
  const table = handlers as MessageHandler[];
  const handler = original as MessageHandler;
  table[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    before(decoder, emitSynced);
    handler(encoder, decoder, p, emitSynced, messageType);
  };
  return () => {
    table[MESSAGE_SYNC] = handler;
  };
}
