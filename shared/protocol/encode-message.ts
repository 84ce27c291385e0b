import * as encoding from 'lib0/encoding';
import type { AwarenessEntry } from './decode-message';
import { MessageType, SyncMessageType } from './messages';

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
