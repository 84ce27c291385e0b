/**
 * Memory per idle connection and per loaded document, read inside the server process after full collections.
 */
import { writeFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import { MemorySchema, type Memory } from './memory';
import { withProcesses } from './processes';
import type { ServerKind } from './running-server';
import { ConnectResultSchema, PushResultSchema } from './schemas';

export interface MemoryDelta {
  /** Bytes per unit of JS heap plus external (ArrayBuffers) memory, the part the server's own objects take. */
  heapPerUnit: number;
  /** Bytes per unit of resident set size (includes SQLite's page cache and allocator slack). */
  rssPerUnit: number;
  units: number;
}

function delta(before: Memory, after: Memory, units: number): MemoryDelta {
  return {
    heapPerUnit: (after.heapUsed + after.external - before.heapUsed - before.external) / units,
    rssPerUnit: (after.rss - before.rss) / units,
    units,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** `rooms` rooms each get one client first (rooms exist before the baseline), then `perRoom` more idle clients. */
export async function memoryPerConnection(kind: ServerKind, rooms: number, perRoom: number): Promise<MemoryDelta> {
  return withProcesses(kind, async (server, load) => {
    const handshake = kind !== 'relay';
    await load.call('connect', { url: server.url, roomPrefix: 'bench/idle-', rooms, clientsPerRoom: 1, handshake }, ConnectResultSchema);
    await settle();
    const before = await server.child.call('memory', null, MemorySchema);
    await load.call('connect', { url: server.url, roomPrefix: 'bench/idle-', rooms, clientsPerRoom: perRoom, handshake }, ConnectResultSchema);
    await settle();
    const after = await server.child.call('memory', null, MemorySchema);
    return delta(before, after, rooms * perRoom);
  });
}

/** Writes states as one file of length-prefixed updates for the load child. */
export function writeStates(path: string, states: readonly Uint8Array[]): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const state of states) encoding.writeVarUint8Array(encoder, state);
  writeFileSync(path, encoding.toUint8Array(encoder));
}

/** Loads a few warm-up documents, then the measured ones; each through a client that disconnects once synced. */
export async function memoryPerDocument(kind: ServerKind, warmupStatesPath: string, statesPath: string, documents: number): Promise<MemoryDelta> {
  return withProcesses(kind, async (server, load) => {
    await load.call('push-documents', { url: server.url, roomPrefix: 'bench/warm-', statesPath: warmupStatesPath }, PushResultSchema);
    await settle();
    const before = await server.child.call('memory', null, MemorySchema);
    await load.call('push-documents', { url: server.url, roomPrefix: 'bench/doc-', statesPath }, PushResultSchema);
    await settle();
    const after = await server.child.call('memory', null, MemorySchema);
    return delta(before, after, documents);
  });
}
