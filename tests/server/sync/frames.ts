import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';

/** A valid update message that sets map "project" key → value, from a fresh client. */
export function validUpdateFrame(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('project').set(key, value);
  return encodeSyncMessage(SyncMessageType.update, Y.encodeStateAsUpdate(doc));
}

/** Hand-made malformed frames, one per way a frame can be wrong. */
export const malformedFrames: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  'unknown message type': Uint8Array.of(7, 0, 0),
  'auth message from a client': Uint8Array.of(2, 0, 0),
  'unknown sync type': Uint8Array.of(0, 9, 0),
  'truncated varint': Uint8Array.of(0x80),
  'huge varint': Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
  'length beyond the frame': Uint8Array.of(0, 2, 50, 1, 2, 3),
  'trailing bytes': Uint8Array.of(0, 0, 1, 0, 99),
  'garbage yjs update': Uint8Array.of(0, 2, 4, 1, 200, 17, 3),
  'garbage state vector': Uint8Array.of(0, 0, 3, 5, 0x80, 0x80),
  'awareness with bad json': awarenessFrame([[1, 1, '{"a":']]),
  'awareness with trailing bytes': Uint8Array.of(1, 2, 0, 0),
};

/** [awareness, body] with hand-given entries (clientId, clock, raw JSON text). */
export function awarenessFrame(entries: Array<[number, number, string]>): Uint8Array {
  const body = encoding.createEncoder();
  encoding.writeVarUint(body, entries.length);
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(body, client);
    encoding.writeVarUint(body, clock);
    encoding.writeVarString(body, json);
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(body));
  return encoding.toUint8Array(frame);
}
