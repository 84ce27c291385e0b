import * as encoding from 'lib0/encoding';
import type { AwarenessEntry } from './decode-message';
import { MessageType, type SyncMessageType } from './messages';

/** [sync, step, payload] — payload is a state vector for step 1, an update otherwise. */
export function encodeSyncMessage(step: (typeof SyncMessageType)[keyof typeof SyncMessageType], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** The body of an awareness update, byte-compatible with y-protocols' encodeAwarenessUpdate. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.stateJson);
  }
  return encoding.toUint8Array(encoder);
}

/** [awareness, body] */
export function encodeAwarenessMessage(body: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, body);
  return encoding.toUint8Array(encoder);
}

/** [chunk, transferId, index, count, totalBytes, piece] — one piece of a larger frame (see MessageType.chunk). */
export function encodeChunkMessage(transferId: number, index: number, count: number, totalBytes: number, piece: Uint8Array): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.chunk);
  encoding.writeVarUint(encoder, transferId);
  encoding.writeVarUint(encoder, index);
  encoding.writeVarUint(encoder, count);
  encoding.writeVarUint(encoder, totalBytes);
  encoding.writeVarUint8Array(encoder, piece);
  return encoding.toUint8Array(encoder);
}

/**
 * `frame` as chunk frames with pieces of at most `pieceBytes`, made one at a time as they are sent, so a large frame
 * is not held twice over. An empty frame is one chunk with an empty piece.
 */
export function* chunkFrames(transferId: number, frame: Uint8Array, pieceBytes: number): Generator<Uint8Array<ArrayBuffer>> {
  if (!Number.isInteger(pieceBytes) || pieceBytes < 1) throw new RangeError(`pieceBytes must be a positive integer, got ${pieceBytes}`);
  const count = Math.max(1, Math.ceil(frame.length / pieceBytes));
  for (let index = 0; index < count; index++) {
    const piece = frame.subarray(index * pieceBytes, (index + 1) * pieceBytes);
    yield encodeChunkMessage(transferId, index, count, frame.length, piece);
  }
}
