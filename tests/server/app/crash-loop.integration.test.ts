import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { projectDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { makeTempDir } from '../storage/temp-dir';
import { connect, joinWith, synced, waitFor, type Client } from './fixtures';
import { freePort, spawnServer, type ServerProcess } from './server-process';
import { ProjectIdSchema } from '../../../shared/schema/common';

const SEED = Number(process.env.CRASH_SEED ?? 20260301);
const CLIENTS = 6;
const ROUNDS = 30;
/** Rounds made before the kill, and while the server is down. */
const KILL_AFTER = 12;
const RESTART_AFTER = 20;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Titles of this test's milestones in a document: `c<client>-r<round>`. */
function editTitles(doc: Y.Doc): Set<string> {
  return new Set(
    validValues(readProjectDoc(doc).milestones)
      .map((m) => m.title)
      .filter((t) => /^c\d+-r\d+$/.test(t)),
  );
}

describe('a crash loop', () => {
  it('every edit reaches every client and storage across a SIGKILL and a restart', async () => {
    try {
      await crashLoop();
    } catch (error) {
      throw new Error(`crash loop failed with seed ${SEED} (rerun with CRASH_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }, 90_000);
});

async function crashLoop(): Promise<void> {
  const rng = prng.create(SEED);
  const tmp = makeTempDir('crash');
  cleanups.push(tmp.remove);
  const port = await freePort();
  const env = { DATA_DIR: tmp.dir, PORT: String(port), HOST: '127.0.0.1', DEMO_SCALE: 'county' };
  let server: ServerProcess = spawnServer(env);
  cleanups.push(() => {
    server.child.kill('SIGKILL');
  });
  const admin = await server.waitForOutput(/admin\s+([2-9A-HJ-NP-Z]{8})/);
  const workspaceId = (await server.waitForOutput(/\[([A-Za-z0-9_-]+)\]\s+\d+ 个项目/))[1] ?? '';
  const url = `http://127.0.0.1:${port}`;
  const joined = await joinWith(url, admin[1] ?? '');

  // Two projects, three clients on each: concurrent edits to one document and to two.
  // (the demo's project ids are the workspace id plus -p0001, -p0002, …)
  const rooms = [
    projectDocName(workspaceId, ProjectIdSchema.parse(`${workspaceId}-p0001`)),
    projectDocName(workspaceId, ProjectIdSchema.parse(`${workspaceId}-p0002`)),
  ];
  const clients: Array<Client & { room: string; index: number }> = [];
  for (let i = 0; i < CLIENTS; i++) {
    const room = rooms[i % rooms.length] ?? '';
    clients.push({ ...connect(`ws://127.0.0.1:${port}`, room, joined.token), room, index: i });
  }
  cleanups.push(() => {
    for (const c of clients) c.destroy();
  });
  await Promise.all(clients.map(synced));
  const before = new Map(rooms.map((room) => [room, validValues(readProjectDoc(clients.find((c) => c.room === room)!.doc).milestones).length]));

  let edits = 0;
  for (let round = 0; round < ROUNDS; round++) {
    if (round === KILL_AFTER) {
      // Mid-load: this round's predecessors are still in flight.
      server.child.kill('SIGKILL');
      await server.exited;
    }
    if (round === RESTART_AFTER) {
      server = spawnServer(env);
      await server.waitForOutput(/Server address/);
    }
    // Each round every client edits once, in an order drawn from the seed.
    const order = clients.map((c) => c.index);
    for (let k = order.length - 1; k > 0; k--) {
      const j = prng.int32(rng, 0, k);
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const i of order) {
      const client = clients[i]!;
      const added = addMilestone(client.doc, { title: `c${i}-r${round}`, dueDate: '2026-06-30' }, { memberId: joined.memberId, at: Date.now() });
      expect(added.ok).toBe(true);
      edits++;
    }
    await new Promise((r) => setTimeout(r, prng.int32(rng, 0, 20)));
  }
  expect(edits).toBe(CLIENTS * ROUNDS);

  // Every client ends with every edit made on its document.
  const perRoom = (CLIENTS / rooms.length) * ROUNDS;
  await waitFor(() => clients.every((c) => editTitles(c.doc).size === perRoom), 'every client to hold every edit', 30_000);
  for (const room of rooms) {
    const states = clients.filter((c) => c.room === room).map((c) => Y.encodeStateVector(c.doc).toString());
    expect(new Set(states).size).toBe(1);
  }

  // Storage holds the same: stop the server gracefully and read the file.
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const store = openSqliteStore({ path: `${tmp.dir}/guatu.sqlite` });
  try {
    for (const room of rooms) {
      const stored = new Y.Doc();
      const state = await store.load(room);
      if (state) Y.applyUpdate(stored, state);
      const client = clients.find((c) => c.room === room)!;
      expect(editTitles(stored)).toEqual(editTitles(client.doc));
      expect(validValues(readProjectDoc(stored).milestones).length).toBe((before.get(room) ?? 0) + perRoom);
    }
    expect((await store.verify()).ok).toBe(true);
  } finally {
    await store.close();
  }
}
