import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { encodeAwarenessMessage, encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { awarenessFrame } from './frames';
import { decodeClientMessage } from '../../../shared/protocol/decode-message';

export type Rng = prng.PRNG;
export type FrameKind = 'valid' | 'mutated' | 'truncated' | 'random' | 'huge-varint' | 'text' | 'oversized';
export interface FuzzFrame {
  kind: FrameKind;
  data: Uint8Array | string;
}

/** Valid frames a real client could send, made from seeded random edits: the material mutations start from. */
export function validCorpus(rng: Rng, size: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = prng.uint32(rng, 1, 0x7fffffff);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const corpus: Uint8Array[] = [];
  for (let _i = 0; corpus.length < size; _i++) {
    switch (prng.int31(rng, 0, 5)) {
      case 0:
        doc.getMap('project').set(prng.word(rng, 1, 6), prng.utf16String(rng, 12));
        break;
      case 1: {
        const text = doc.getText('note');
        text.insert(prng.int31(rng, 0, text.length), prng.word(rng, 1, 10));
        if (text.length > 4 && prng.bool(rng)) text.delete(prng.int31(rng, 0, text.length - 2), 1);
        break;
      }
      case 2:
        doc.getArray('milestones').push([{ title: prng.word(rng), done: prng.bool(rng), due: prng.int31(rng, 0, 1e6) }]);
        break;
      case 3:
        doc.getMap('project').set('nested', new Y.Map([['k', prng.real53(rng)]]));
        break;
      case 4:
        corpus.push(awarenessFrame([[prng.uint32(rng, 1, 0x7fffffff), prng.int31(rng, 0, 50), JSON.stringify({ user: prng.word(rng) })]]));
        continue;
      default:
        corpus.push(encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(doc)));
        continue;
    }
    const update = updates.at(-1);
    if (update) corpus.push(encodeSyncMessage(prng.bool(rng) ? SyncMessageType.update : SyncMessageType.step2, update));
  }
  corpus.push(encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(doc)));
  corpus.push(Uint8Array.of(3));
  corpus.push(encodeAwarenessMessage(Uint8Array.of(0)));
  return corpus;
}

const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];

function mutate(rng: Rng, frame: Uint8Array): Uint8Array {
  const bytes = [...frame];
  const edits = prng.int31(rng, 1, 4);
  for (let i = 0; i < edits; i++) {
    const at = prng.int31(rng, 0, Math.max(0, bytes.length - 1));
    switch (prng.int31(rng, 0, 4)) {
      case 0:
        bytes[at] = prng.int31(rng, 0, 255);
        break;
      case 1:
        bytes.splice(at, 0, ...prng.uint8Array(rng, prng.int31(rng, 1, 8)));
        break;
      case 2:
        bytes.splice(at, prng.int31(rng, 1, 8));
        break;
      case 3:
        bytes[at] = (bytes[at] ?? 0) ^ (1 << prng.int31(rng, 0, 7));
        break;
      default:
        bytes.splice(at, 0, ...bytes.slice(at, at + prng.int31(rng, 1, 16)));
    }
  }
  return Uint8Array.from(bytes);
}

/** One bad frame; `oversizeBytes` is the server's maxPayload + 1. */
export function badFrame(rng: Rng, corpus: Uint8Array[], oversizeBytes: number): FuzzFrame {
  const base = prng.oneOf(rng, corpus);
  const roll = prng.int31(rng, 0, 99);
  if (roll < 50) return { kind: 'mutated', data: mutate(rng, base) };
  if (roll < 65) return { kind: 'truncated', data: base.slice(0, prng.int31(rng, 0, Math.max(0, base.length - 1))) };
  if (roll < 80) return { kind: 'random', data: prng.uint8Array(rng, prng.int31(rng, 0, 64)) };
  if (roll < 95) {
    const at = prng.int31(rng, 0, Math.min(base.length, 4));
    return { kind: 'huge-varint', data: Uint8Array.from([...base.slice(0, at), ...HUGE_VARINT, ...base.slice(at)]) };
  }
  if (roll < 99) return { kind: 'text', data: prng.word(rng, 0, 20) };
  return { kind: 'oversized', data: new Uint8Array(oversizeBytes) };
}

/**
 * Whether the server must refuse this frame outright (structure or Yjs encoding broken) — decided with the same
 * decoders the server uses, so a connection can carry many survivable frames and end with exactly one fatal one.
 */
export function isFatal(frame: FuzzFrame, maxPayload: number): boolean {
  if (typeof frame.data === 'string' || frame.data.length > maxPayload) return true;
  const decoded = decodeClientMessage(frame.data);
  if (!decoded.ok) return true;
  try {
    if (decoded.message.type === 'sync-step-1') Y.decodeStateVector(decoded.message.stateVector);
    if (decoded.message.type === 'sync-step-2' || decoded.message.type === 'sync-update') Y.decodeUpdate(decoded.message.update);
    return false;
  } catch {
    return true;
  }
}
