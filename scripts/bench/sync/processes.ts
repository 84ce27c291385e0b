import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { forkChild, type Child } from './child-rpc';
import type { ServerKind } from './running-server';

const here = fileURLToPath(new URL('.', import.meta.url));
const SERVER_CHILD = join(here, 'server-child.ts');
const LOAD_CHILD = join(here, 'load-child.ts');
const PortSchema = z.object({ port: z.number() });

export interface ServerProcess {
  child: Child;
  url: string;
  stop(): Promise<void>;
}

/** Starts one server in a fresh process; ours gets a fresh SQLite file unless `databasePath` names one. */
export async function startServerProcess(kind: ServerKind | 'floor', databasePath?: string): Promise<ServerProcess> {
  const dir = databasePath === undefined ? mkdtempSync(join(tmpdir(), 'guatu-bench-sync-')) : null;
  const path = databasePath ?? join(dir ?? '', 'sync.sqlite');
  const child = await forkChild(SERVER_CHILD, [kind, path]);
  const { port } = PortSchema.parse(child.info);
  return {
    child,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      await child.stop();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startLoadProcess(): Promise<Child> {
  return forkChild(LOAD_CHILD, []);
}

/** Runs `body` with a server and a load generator, stopping both whatever happens. */
export async function withProcesses<T>(kind: ServerKind, body: (server: ServerProcess, load: Child) => Promise<T>, databasePath?: string): Promise<T> {
  const server = await startServerProcess(kind, databasePath);
  let load: Child | null = null;
  try {
    load = await startLoadProcess();
    return await body(server, load);
  } finally {
    await load?.stop();
    await server.stop();
  }
}
