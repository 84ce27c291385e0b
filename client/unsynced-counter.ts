import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { beforeSyncMessages } from './provider-internals';

/**
 * Counts local edits not yet known to be on the server.
 *
 * The rule: every local update (origin accepted by `isLocal`) is recorded with this replica's clock after it. It is
 * unsynced while it has not been sent over a connection that finished the sync handshake:
 * - made while online (connected and synced): sent at once, not counted;
 * - made while offline or syncing: counted;
 * - when the server's sync step 1 arrives on a (re)connect, its state vector is the truth: updates it covers are
 *   forgotten, every other recorded update (including ones sent on a connection that dropped before the server stored
 *   them) counts again;
 * - when the handshake completes (`synced`), our answer to that step 1 has gone out with everything the server lacked,
 *   so the count drops to 0.
 * The entries are kept with the document (`memory`, y-indexeddb's side store), so edits made offline still count after
 * the page is closed and opened again offline (a new session has a new client id: each entry names the client that
 * made it, and the server's state vector is checked per client).
 */
export interface UnsyncedCounter {
  count(): number;
  /**
   * The server refused what this connection sent and kept none of it (4422, 4413): every entry its step 1 did not
   * cover counts again. It may count an edit accepted earlier on the same connection too; an honest "not sent" beats a
   * refused page saying everything is on the server.
   */
  refused(): void;
  destroy(): void;
}

/** Where the entries outlive the page: read once when the counter starts, written after each change. */
export interface UnsyncedMemory {
  load(): Promise<unknown>;
  save(entries: readonly Entry[]): void;
}

export interface Entry {
  client: number;
  clock: number;
  sent: boolean;
}

/** Entries written by an earlier session; anything that is not one is dropped (it only ever undercounts). */
export function parseEntries(value: unknown): Entry[] {
  if (!Array.isArray(value)) return [];
  const out: Entry[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { client, clock, sent } = item as Record<string, unknown>;
    if (Number.isSafeInteger(client) && Number.isSafeInteger(clock) && typeof sent === 'boolean') {
      out.push({ client: client as number, clock: clock as number, sent });
    }
  }
  return out.slice(-MAX_SENT_ENTRIES);
}

/** Sent entries kept to re-check against the next server state vector; beyond this the oldest are forgotten. */
const MAX_SENT_ENTRIES = 5_000;

const SYNC_STEP_1 = 0;

/** The state vector in a y-websocket sync step 1 frame, read without consuming the provider's decoder. */
function serverStateVector(decoder: decoding.Decoder): Map<number, number> | null {
  try {
    const copy = decoding.clone(decoder);
    if (decoding.readVarUint(copy) !== SYNC_STEP_1) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(copy));
  } catch {
    return null;
  }
}

export function createUnsyncedCounter(
  doc: Y.Doc,
  provider: WebsocketProvider,
  isLocal: (origin: unknown) => boolean,
  onChange: () => void,
  memory?: UnsyncedMemory,
): UnsyncedCounter {
  let entries: Entry[] = [];
  let destroyed = false;
  /** The last state vector the server sent in this session, to check entries an earlier session left. */
  let serverSv: Map<number, number> | null = null;
  const client = doc.clientID;
  const live = (): boolean => provider.wsconnected && provider.synced;
  /** Nothing is saved before the earlier session's entries are read, or they would be overwritten. */
  let loaded = memory === undefined;
  const changed = (): void => {
    if (loaded) memory?.save(entries);
    onChange();
  };

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (!isLocal(origin)) return;
    entries.push({ client, clock: Y.getState(doc.store, client), sent: live() });
    if (entries.length > MAX_SENT_ENTRIES) {
      const firstSent = entries.findIndex((e) => e.sent);
      if (firstSent >= 0) entries.splice(firstSent, 1);
    }
    changed();
  };

  const onSynced = (synced: boolean): void => {
    if (!synced) return;
    entries = entries.map((e) => ({ ...e, sent: true }));
    changed();
  };

  const restoreSyncHandler = beforeSyncMessages(provider, (decoder, emitSynced) => {
    const sv = emitSynced ? serverStateVector(decoder) : null;
    if (!sv) return;
    serverSv = sv;
    entries = entries.filter((e) => e.clock > (sv.get(e.client) ?? 0)).map((e) => ({ ...e, sent: false }));
    changed();
  });

  doc.on('update', onUpdate);
  provider.on('sync', onSynced);
  void memory?.load().then(
    (stored) => {
      if (destroyed) return;
      loaded = true;
      let earlier = parseEntries(stored).filter((e) => e.client !== client);
      const sv = serverSv;
      // already synced in this session: the handshake (or the provider, for what IndexedDB loaded since) sent them
      if (live()) earlier = earlier.map((e) => ({ ...e, sent: true }));
      else if (sv !== null) earlier = earlier.filter((e) => e.clock > (sv.get(e.client) ?? 0)).map((e) => ({ ...e, sent: false }));
      entries = [...earlier, ...entries];
      changed();
    },
    () => {
      loaded = true;
    },
  );
  return {
    count: () => entries.reduce((n, e) => n + (e.sent ? 0 : 1), 0),
    refused() {
      const sv = serverSv;
      entries = entries.map((e) => (e.clock > (sv?.get(e.client) ?? 0) ? { ...e, sent: false } : e));
      changed();
    },
    destroy() {
      destroyed = true;
      doc.off('update', onUpdate);
      provider.off('sync', onSynced);
      restoreSyncHandler();
    },
  };
}
