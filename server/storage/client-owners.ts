/**
 * Which member each Yjs client id belongs to: the author of the first stored update carrying items of it (#13,
 * server/sync/client-bindings.ts). Stores keep the owners as of each snapshot, so a room loading a long document
 * reads only the history after its snapshot instead of the whole of it.
 */
import * as Y from 'yjs';

export type ClientOwners = Map<number, string>;

/** The owners as of a snapshot: every stored update with seq ≤ uptoSeq is counted. */
export interface SnapshotOwners {
  uptoSeq: number;
  owners: ClientOwners;
}

/** Adds the client ids of `records` (in seq order) that have no owner yet, each to its record's author. */
export function addFirstOwners(owners: ClientOwners, records: Iterable<{ update: Uint8Array; author: string }>): void {
  for (const record of records) {
    let clients: Iterable<number>;
    try {
      clients = Y.parseUpdateMeta(record.update).from.keys();
    } catch {
      continue; // a record that does not decode adds no items either
    }
    for (const client of clients) if (!owners.has(client)) owners.set(client, record.author);
  }
}

export function encodeOwners(owners: ClientOwners): string {
  return JSON.stringify([...owners]);
}

/** The owners stored with a snapshot; null when absent or not what encodeOwners writes (then the history decides). */
export function decodeOwners(text: unknown): ClientOwners | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const owners: ClientOwners = new Map();
  for (const pair of parsed) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [client, member] = pair as [unknown, unknown];
    if (typeof client !== 'number' || !Number.isSafeInteger(client) || client < 0 || typeof member !== 'string') return null;
    owners.set(client, member);
  }
  return owners;
}

/**
 * Where counting the owners as of a new snapshot starts: the owners recorded with the snapshot before it (read on
 * from the seq after it), or nothing from seq 1 when there is none or it recorded none.
 */
export function ownersStart(prior: { uptoSeq: number; owners: unknown } | null): { owners: ClientOwners; fromSeq: number } {
  const known = prior ? decodeOwners(prior.owners) : null;
  return known && prior ? { owners: known, fromSeq: prior.uptoSeq + 1 } : { owners: new Map(), fromSeq: 1 };
}
