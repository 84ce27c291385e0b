/**
 * One server under test in its own process: `server-child.ts <ours|official|relay|floor> [sqlite path]`.
 * Answers `memory` (after gc) and `cpu`; the floor child instead times applying one merged update.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { z } from 'zod';
import { serveRpc } from './child-rpc';
import { settledMemory } from './memory';
import { startOfficial } from './official-server';
import { startOurs } from './ours-server';
import { startRelay } from './relay-server';
import type { RunningServer } from './running-server';

const kind = process.argv[2];
const databasePath = process.argv[3] ?? ':memory:';

async function start(): Promise<RunningServer | null> {
  switch (kind) {
    case 'ours':
      return startOurs(databasePath);
    case 'official':
      return startOfficial();
    case 'relay':
      return startRelay();
    case 'floor':
      return null;
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

const FloorArgsSchema = z.object({ statePath: z.string(), warmupPath: z.string() });

/** The cold-load floor: a fresh Y.Doc takes the whole state as one update, then encodes the reply to an empty client. */
function applyAndEncode(state: Uint8Array): number {
  const start = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  Y.encodeStateAsUpdate(doc, Uint8Array.of(0));
  const ms = performance.now() - start;
  doc.destroy();
  return ms;
}

const server = await start();
let cpuAtStart = process.cpuUsage();
serveRpc(
  {
    memory: () => settledMemory(),
    counters: async () => (await server?.counters?.()) ?? {},
    /** CPU seconds used since the last call (user + system). */
    cpu: async () => {
      const used = process.cpuUsage(cpuAtStart);
      cpuAtStart = process.cpuUsage();
      return (used.user + used.system) / 1e6;
    },
    floor: async (args) => {
      const { statePath, warmupPath } = FloorArgsSchema.parse(args);
      applyAndEncode(new Uint8Array(readFileSync(warmupPath)));
      return applyAndEncode(new Uint8Array(readFileSync(statePath)));
    },
  },
  { port: server?.port ?? 0 },
);
process.on('SIGTERM', () => {
  void (server?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
