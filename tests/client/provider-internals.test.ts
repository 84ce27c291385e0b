import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { beforeSyncMessages, MESSAGE_SYNC } from '../../client/provider-internals';
import { WS } from './helpers';

const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) {
    p.awareness.destroy();
    p.destroy();
  }
});

function provider(): WebsocketProvider {
  const p = new WebsocketProvider('ws://127.0.0.1:9', 'ws/w1', new Y.Doc(), { connect: false, disableBc: true, WebSocketPolyfill: WS });
  providers.push(p);
  return p;
}

/** A sync step 1 frame (message type already read, as the provider's dispatcher does) naming one client's clock. */
function step1(clock: number): decoding.Decoder {
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 0);
  encoding.writeVarUint8Array(frame, Y.encodeStateVector(new Map([[1, clock]])));
  return decoding.createDecoder(encoding.toUint8Array(frame));
}

describe('y-websocket internals the unsynced count relies on (fails first when an upgrade changes them)', () => {
  it('each provider has its own handler table whose sync entry is a function', () => {
    const a = provider();
    const b = provider();
    expect(Array.isArray(a.messageHandlers)).toBe(true);
    expect(typeof a.messageHandlers[MESSAGE_SYNC]).toBe('function');
    expect(a.messageHandlers).not.toBe(b.messageHandlers);
  });

  it('runs the hook before the provider handles a sync message, on that provider only, and restores the original', () => {
    const a = provider();
    const b = provider();
    const original = a.messageHandlers[MESSAGE_SYNC];
    const seen: boolean[] = [];
    const restore = beforeSyncMessages(a, (_decoder, emitSynced) => seen.push(emitSynced));
    a.messageHandlers[MESSAGE_SYNC]?.(encoding.createEncoder(), step1(3), a, true, MESSAGE_SYNC);
    b.messageHandlers[MESSAGE_SYNC]?.(encoding.createEncoder(), step1(3), b, true, MESSAGE_SYNC);
    expect(seen).toEqual([true]);
    restore();
    expect(a.messageHandlers[MESSAGE_SYNC]).toBe(original);
  });

  it('refuses loudly when the table is not there', () => {
    const changed = { messageHandlers: undefined } as unknown as WebsocketProvider;
    expect(() => beforeSyncMessages(changed, () => {})).toThrow(/y-websocket changed/);
  });
});
