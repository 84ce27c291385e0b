/**
 * Three instances in child processes (`node server/main.ts`, as npm start runs it) on one PostgreSQL and one Redis
 * prefix, behind a test balancer. Stock y-websocket clients edit two projects while random instances are SIGKILLed
 * and restarted and, mid-run, Redis loses every stream of the deployment (as in a restart without persistence).
 * The first victim is the instance holding the workspace's summary lease. Nothing is lost: every client ends with
 * every edit made, what PostgreSQL holds is the same, every chain verifies, another instance took the lease over and
 * the summary lists every edit.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { projectDocName, summaryDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { openPgPool } from '../../../server/storage/pg-pool';
import { openPgStore } from '../../../server/storage/pg-store';
import { connect, eventually, joinWith, synced, waitFor, type Client } from '../app/fixtures';
import { freePort, spawnServer, type ServerProcess } from '../app/server-process';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from '../storage/pg-database';
import { makeTempDir } from '../storage/temp-dir';
import { startBalancer, type Balancer } from './balancer';
import { TEST_REDIS_URL, probeRedis, testPrefix } from './redis-test';

const SEED = Number(process.env.KILL_SEED ?? 20261205);
const CLIENTS = 6;
const KILLS = 3;

const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
const missing = !postgres.reachable ? postgres : redis;
const skip = mustSkip(missing, 'scale-out kill loop (PostgreSQL + Redis)');
const reachable = postgres.reachable && redis.reachable;

describe.runIf(!reachable && !skip)('scale-out kill loop (CI=1)', () => {
  it('needs PostgreSQL and Redis', () => requireReachable(missing));
});

/** Titles of this test's milestones in a document: `c<client>-r<round>`. */
function editTitles(doc: Y.Doc): Set<string> {
  return new Set(
    validValues(readProjectDoc(doc).milestones)
      .map((m) => m.title)
      .filter((t) => /^c\d+-r\d+$/.test(t)),
  );
}

describe.skipIf(!reachable)('SIGKILL loop over three instances on PostgreSQL + Redis', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('loses no edit, converges, every chain verifies; the summary lease of the killed holder moves on and the summary catches up', async () => {
    try {
      await killLoop();
    } catch (error) {
      throw new Error(`kill loop failed with seed ${SEED} (rerun with KILL_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }, 150_000);

  async function killLoop(): Promise<void> {
    const rng = prng.create(SEED);
    const database: TestDatabase = await createTestDatabase('killloop');
    cleanups.push(() => database.drop());
    const keys = testPrefix('killloop');
    cleanups.push(() => keys.cleanup());
    const tmp = makeTempDir('kill-loop');
    cleanups.push(tmp.remove);

    const ports = [await freePort(), await freePort(), await freePort()];
    let generation = 0;
    const envOf = (i: number) => ({
      INSTANCE_ID: `i${i}-g${generation++}`,
      PORT: String(ports[i]),
      HOST: '127.0.0.1',
      DATA_DIR: `${tmp.dir}/${i}`,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: keys.prefix,
      DEMO_SCALE: 'county',
    });
    const servers: ServerProcess[] = [];
    cleanups.push(() => {
      for (const s of servers) s.child.kill('SIGKILL');
    });
    servers[0] = spawnServer(envOf(0));
    const admin = await servers[0].waitForOutput(/admin\s+([2-9A-HJ-NP-Z]{8})/, 60_000);
    const workspaceId = (await servers[0].waitForOutput(/\[([A-Za-z0-9_-]+)\]\s+\d+ 个项目/))[1] ?? '';
    await servers[0].waitForOutput(/Server address/);
    for (const i of [1, 2]) servers[i] = spawnServer({ ...envOf(i), DEMO: '0' });
    await Promise.all([1, 2].map((i) => servers[i]!.waitForOutput(/Server address/, 60_000)));

    const balancer: Balancer = await startBalancer(ports, () => prng.real53(rng));
    cleanups.push(() => balancer.close());
    const url = `http://127.0.0.1:${balancer.port}`;
    const joined = await joinWith(url, admin[1] ?? '');

    const rooms = [1, 2].map((n) => projectDocName(workspaceId, ProjectIdSchema.parse(`${workspaceId}-p000${n}`)));
    const clients: Array<Client & { room: string; index: number }> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const room = rooms[i % rooms.length] ?? '';
      clients.push({ ...connect(`ws://127.0.0.1:${balancer.port}`, room, joined.token), room, index: i });
    }
    cleanups.push(() => {
      for (const c of clients) c.destroy();
    });
    await Promise.all(clients.map(synced));

    // edits keep coming while instances die and come back
    let editing = true;
    let rounds = 0;
    const editLoop = (async () => {
      while (editing) {
        for (const client of clients) {
          const added = addMilestone(
            client.doc,
            { title: `c${client.index}-r${rounds}`, dueDate: '2026-06-30' },
            { memberId: joined.memberId, at: Date.now() },
          );
          if (!added.ok) throw new Error(`edit refused: ${JSON.stringify(added)}`);
        }
        rounds++;
        await new Promise((r) => setTimeout(r, prng.int32(rng, 5, 25)));
      }
    })();

    // the instance holding the workspace's summary lease is the first to be killed
    const pool = openPgPool({ connectionString: database.url, max: 2 });
    cleanups.push(() => pool.end());
    const lease = async () => (await pool.query<{ holder: string; token: string }>('SELECT holder, token FROM leases')).rows[0];
    const leaseBefore = await lease();
    expect(leaseBefore, 'a summary lease held before the first kill').toBeDefined();

    let killedHolder = '';
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((r) => setTimeout(r, prng.int32(rng, 300, 900)));
      const holder = (await lease())?.holder ?? '';
      if (kill === 0) {
        expect(holder, 'the summary lease holder').toMatch(/^i\d-g\d+$/);
        killedHolder = holder;
      }
      const victim = kill === 0 ? Number(/^i(\d)-/.exec(holder)?.[1] ?? 0) : prng.int32(rng, 0, 2);
      balancer.setUp(ports[victim]!, false);
      servers[victim]!.child.kill('SIGKILL');
      await servers[victim]!.exited;
      if (kill === 0) await keys.cleanup(); // Redis forgets every stream of the deployment
      await new Promise((r) => setTimeout(r, prng.int32(rng, 100, 500)));
      servers[victim] = spawnServer({ ...envOf(victim), DEMO: '0' });
      await servers[victim]!.waitForOutput(/Server address/, 60_000);
      balancer.setUp(ports[victim]!, true);
    }
    editing = false;
    await editLoop;
    expect(rounds).toBeGreaterThan(10);

    const perRoom = (CLIENTS / rooms.length) * rounds;
    await waitFor(() => clients.every((c) => editTitles(c.doc).size === perRoom), `every client to hold all ${perRoom} edits of its project`, 40_000);
    for (const room of rooms) {
      const states = clients.filter((c) => c.room === room).map((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex'));
      expect(new Set(states).size).toBe(1);
    }

    // PostgreSQL holds every edit in one verified chain per document
    const store = await openPgStore({ pool });
    try {
      for (const room of rooms) {
        await eventually(async () => {
          const state = await store.load(room);
          const doc = new Y.Doc();
          if (state) Y.applyUpdate(doc, state);
          const stored = editTitles(doc).size;
          doc.destroy();
          return stored === perRoom;
        }, `PostgreSQL to hold all ${perRoom} edits of ${room}`);
      }
      expect(await store.verify()).toMatchObject({ ok: true });
      // another instance took the summary lease over and the summary caught up with every edit
      await eventually(
        async () => {
          const state = await store.load(summaryDocName(workspaceId));
          const doc = new Y.Doc();
          if (state) Y.applyUpdate(doc, state);
          const rows = validValues(readSummary(doc).rows);
          doc.destroy();
          return rooms.every((room) => {
            const projectId = room.split('/').at(-1);
            const titles = rows.find((r) => r.projectId === projectId)?.milestones.filter((m) => /^c\d+-r\d+$/.test(m.title)).length;
            return titles === perRoom;
          });
        },
        'the summary rows to list every milestone',
        40_000,
      );
      const leaseAfter = await lease();
      expect(Number(leaseAfter?.token)).toBeGreaterThan(Number(leaseBefore?.token));
      expect(leaseAfter?.holder).not.toBe(killedHolder);
    } finally {
      await store.close();
    }
  }
});
