import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from './messages';
import { err, ok, type Result } from '../result';

/** One awareness entry as sent on the wire; `stateJson` is kept verbatim so it can be re-encoded unchanged. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The parsed state (null = the client left). */
  state: unknown;
  stateJson: string;
}

/** A client→server frame after structural decoding, as a room handles it. Yjs payloads are not yet checked as Yjs. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

/**
 * One piece of a larger frame (our extension only): piece `index` of `count`, of a frame of `totalBytes` bytes, in
 * transfer `transferId`. The server joins the pieces and handles the frame they make as a ClientMessage.
 * Structurally checked only: index < count and the piece no longer than the whole; the order is the assembler's job.
 */
export interface ChunkMessage {
  type: 'chunk';
  transferId: number;
  index: number;
  count: number;
  totalBytes: number;
  piece: Uint8Array;
}

/** Any frame a client may send: a room's message, or a piece of one. */
export type WireMessage = ClientMessage | ChunkMessage;

export type DecodeFailure = 'empty' | 'truncated' | 'unknown-message-type' | 'unknown-sync-type' | 'trailing-bytes' | 'bad-awareness' | 'bad-chunk';

export type DecodeResult = Result<{ message: WireMessage }, { reason: DecodeFailure }>;

/** Awareness clients are 32-bit Yjs client ids; clocks are counters. Anything beyond is not from a real client. */
const MAX_CLIENT_ID = 0xffffffff;
const MAX_AWARENESS_ENTRIES = 256;

const fail = (reason: DecodeFailure): DecodeResult => err({ reason });

/** Reads a varuint, or null when the bytes end mid-number or it exceeds 2^53. */
function readUint(decoder: decoding.Decoder): number | null {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    return null;
  }
}

/** Reads a length-prefixed byte array without trusting the length. */
function readBytes(decoder: decoding.Decoder): Uint8Array | null {
  const length = readUint(decoder);
  if (length === null || length > decoder.arr.length - decoder.pos) return null;
  return decoding.readUint8Array(decoder, length);
}

function readString(decoder: decoding.Decoder): string | null {
  const start = decoder.pos;
  if (readBytes(decoder) === null) return null;
  // the length is known to fit, so lib0 cannot read past the end; its UTF-8 decoder is fatal on bad bytes
  decoder.pos = start;
  try {
    return decoding.readVarString(decoder);
  } catch {
    return null;
  }
}

/** Decodes the body of an awareness update (what y-protocols' encodeAwarenessUpdate writes). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  const decoder = decoding.createDecoder(update);
  const count = readUint(decoder);
  if (count === null || count > MAX_AWARENESS_ENTRIES) return null;
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = readUint(decoder);
    const clock = readUint(decoder);
    const stateJson = readString(decoder);
    if (clientId === null || clock === null || stateJson === null || clientId > MAX_CLIENT_ID) return null;
    let state: unknown;
    try {
      state = JSON.parse(stateJson);
    } catch {
      return null;
    }
    entries.push({ clientId, clock, state, stateJson });
  }
  return decoding.hasContent(decoder) ? null : entries;
}

/** The fields of a chunk frame after its message type: [transferId, index, count, totalBytes, piece]. */
function readChunk(decoder: decoding.Decoder): ChunkMessage | 'truncated' | 'bad-chunk' {
  const transferId = readUint(decoder);
  const index = readUint(decoder);
  const count = readUint(decoder);
  const totalBytes = readUint(decoder);
  if (transferId === null || index === null || count === null || totalBytes === null) return 'truncated';
  const piece = readBytes(decoder);
  if (piece === null) return 'truncated';
  if (index >= count || piece.length > totalBytes) return 'bad-chunk';
  return { type: 'chunk', transferId, index, count, totalBytes, piece };
}

/** Decodes one binary frame; never throws. */
export function decodeClientMessage(frame: Uint8Array): DecodeResult {
  if (frame.length === 0) return fail('empty');
  const decoder = decoding.createDecoder(frame);
  const type = readUint(decoder);
  if (type === null) return fail('truncated');
  let message: WireMessage;
  switch (type) {
    case MessageType.sync: {
      const syncType = readUint(decoder);
      if (syncType === null) return fail('truncated');
      if (syncType !== SyncMessageType.step1 && syncType !== SyncMessageType.step2 && syncType !== SyncMessageType.update) {
        return fail('unknown-sync-type');
      }
      const payload = readBytes(decoder);
      if (payload === null) return fail('truncated');
      message =
        syncType === SyncMessageType.step1
          ? { type: 'sync-step-1', stateVector: payload }
          : { type: syncType === SyncMessageType.step2 ? 'sync-step-2' : 'sync-update', update: payload };
      break;
    }
    case MessageType.awareness: {
      const payload = readBytes(decoder);
      if (payload === null) return fail('truncated');
      const entries = decodeAwarenessUpdate(payload);
      if (entries === null) return fail('bad-awareness');
      message = { type: 'awareness', entries };
      break;
    }
    case MessageType.queryAwareness:
      message = { type: 'query-awareness' };
      break;
    case MessageType.chunk: {
      const chunk = readChunk(decoder);
      if (typeof chunk === 'string') return fail(chunk);
      message = chunk;
      break;
    }
    default:
      // auth (2) only flows server→client; anything else is unknown
      return fail('unknown-message-type');
  }
  return decoding.hasContent(decoder) ? fail('trailing-bytes') : ok({ message });
}
