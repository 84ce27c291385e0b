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
 * Local edits from an earlier session that never reached the server are not counted (a new session has a new client
 * id); the sync handshake sends them all the same.
 */
export interface UnsyncedCounter {
  count(): number;
  destroy(): void;
}

interface Entry {
  clock: number;
  sent: boolean;
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

export function createUnsyncedCounter(doc: Y.Doc, provider: WebsocketProvider, isLocal: (origin: unknown) => boolean, onChange: () => void): UnsyncedCounter {
  let entries: Entry[] = [];
  const client = doc.clientID;
  const live = (): boolean => provider.wsconnected && provider.synced;

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (!isLocal(origin)) return;
    entries.push({ clock: Y.getState(doc.store, client), sent: live() });
    if (entries.length > MAX_SENT_ENTRIES) {
      const firstSent = entries.findIndex((e) => e.sent);
      if (firstSent >= 0) entries.splice(firstSent, 1);
    }
    onChange();
  };

  const onSynced = (synced: boolean): void => {
    if (!synced) return;
    entries = entries.map((e) => ({ ...e, sent: true }));
    onChange();
  };

  const restoreSyncHandler = beforeSyncMessages(provider, (decoder, emitSynced) => {
    const sv = emitSynced ? serverStateVector(decoder) : null;
    if (!sv) return;
    const known = sv.get(client) ?? 0;
    entries = entries.filter((e) => e.clock > known).map((e) => ({ ...e, sent: false }));
    onChange();
  });

  doc.on('update', onUpdate);
  provider.on('sync', onSynced);
  return {
    count: () => entries.reduce((n, e) => n + (e.sent ? 0 : 1), 0),
    destroy() {
      doc.off('update', onUpdate);
      provider.off('sync', onSynced);
      restoreSyncHandler();
    },
  };
}
