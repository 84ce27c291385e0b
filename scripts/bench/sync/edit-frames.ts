/**
 * The load client's wire work, kept cheap so one core can drive a thousand sockets: an edit is a hand-encoded Yjs
 * update (one Y.Map field set, like a cadre changing a project field) that carries its send time; a received frame is
 * decoded only far enough to find that time.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages';

/** Root map the edits go to, and how many fields they cycle through (a project has about 30). */
const EDIT_MAP = 'project';
export const FIELD_COUNT = 30;
/** Yjs struct info bytes: ContentAny (ref 8), with a left origin (bit 8) or else with a parentSub key (bit 6). */
const INFO_ANY_WITH_ORIGIN = 8 | 0b1000_0000;
const INFO_ANY_WITH_KEY = 8 | 0b0010_0000;

/** A Yjs item id. */
export interface ItemId {
  client: number;
  clock: number;
}

/**
 * A y-websocket sync-update frame setting field `field` of the project map to [sentAt, field], as Yjs client
 * `client` at `clock`. Like Y.Map#set, the new item's left origin is the field's current value as this client
 * knows it (`origin`), so the server integrates it in constant time; the first write of a field names the map and
 * key instead. Encoding it by hand costs about a microsecond instead of a Y.Doc transaction.
 */
export function encodeEditFrame(client: number, clock: number, field: number, origin: ItemId | null, sentAt: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1); // clients with structs
  encoding.writeVarUint(update, 1); // structs of this client
  encoding.writeVarUint(update, client);
  encoding.writeVarUint(update, clock);
  if (origin !== null) {
    encoding.writeUint8(update, INFO_ANY_WITH_ORIGIN);
    encoding.writeVarUint(update, origin.client);
    encoding.writeVarUint(update, origin.clock);
  } else {
    encoding.writeUint8(update, INFO_ANY_WITH_KEY);
    encoding.writeVarUint(update, 1); // parent is a root type named by a string
    encoding.writeVarString(update, EDIT_MAP);
    encoding.writeVarString(update, `field${field}`);
  }
  // one value (a map item has length 1): when, and which field, since an item with an origin does not name its key
  encoding.writeVarUint(update, 1);
  encoding.writeAny(update, [sentAt, field]);
  encoding.writeVarUint(update, 0); // empty delete set
  return encodeSyncMessage(SyncMessageType.update, encoding.toUint8Array(update));
}

/** What a client must send first: sync step 1 with an empty state vector (it holds nothing yet). */
export const EMPTY_STEP1_FRAME: Uint8Array = encodeSyncMessage(SyncMessageType.step1, Uint8Array.of(0));
/** The answer to the server's step 1 from a client that holds nothing: an empty update. */
export const EMPTY_STEP2_FRAME: Uint8Array = encodeSyncMessage(SyncMessageType.step2, Uint8Array.of(0, 0));

/** Another client's edit: its item id, the field it set and when it was sent. */
export interface ReceivedEdit {
  id: ItemId;
  field: number;
  sentAt: number;
}

export type ReceivedFrame = { kind: 'step1' } | { kind: 'step2'; bytes: number } | { kind: 'edits'; edits: ReceivedEdit[] } | { kind: 'other' };

/**
 * Classifies a server frame. For updates, returns the send times of other clients' edits in it (the official
 * server also echoes an edit to its sender; `ownClient` filters those).
 */
export function readFrame(frame: Uint8Array, ownClient: number): ReceivedFrame {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return { kind: 'other' };
    const step = decoding.readVarUint(decoder);
    if (step === SyncMessageType.step1) return { kind: 'step1' };
    const update = decoding.readVarUint8Array(decoder);
    if (step === SyncMessageType.step2) return { kind: 'step2', bytes: update.length };
    return { kind: 'edits', edits: readEdits(update, ownClient) };
  } catch {
    return { kind: 'other' };
  }
}

function readEdits(update: Uint8Array, ownClient: number): ReceivedEdit[] {
  const edits: ReceivedEdit[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || struct.id.client === ownClient || !(struct.content instanceof Y.ContentAny)) continue;
    const value: unknown = struct.content.arr[0];
    if (!Array.isArray(value)) continue;
    const [sentAt, field]: unknown[] = value;
    if (typeof sentAt === 'number' && typeof field === 'number') edits.push({ id: { client: struct.id.client, clock: struct.id.clock }, field, sentAt });
  }
  return edits;
}
