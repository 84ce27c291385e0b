/**
 * A real Redis restart under two instances (docs/scale-out.md §2 and §5): a redis-server of the test's own is
 * SIGKILLed while clients on both instances keep editing one project, then started again empty on the same port.
 * Meanwhile the instances carry each other's edits through the store (the head check); afterwards the fan-out is
 * back by itself. No edit is lost, nobody is disconnected, and the stored chain verifies.
 */
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { connect, eventually, joinWith, startApp, synced, waitFor, type Client, type Running } from '../app/fixtures';
import { freePort } from '../app/server-process';
import { createTestDatabase, mustSkip, probePostgres, requireReachable } from '../storage/pg-database';
import { makeTempDir } from '../storage/temp-dir';
import { probeRedisServerBinary, startOwnRedis } from './redis-server-process';

const postgres = await probePostgres();
const redisServer = probeRedisServerBinary();
const missing = !postgres.reachable ? postgres : redisServer;
const skip = mustSkip(missing, 'Redis restart under two instances (PostgreSQL + redis-server)');
const reachable = postgres.reachable && redisServer.reachable;

describe.runIf(!reachable && !skip)('Redis restart under two instances (CI=1)', () => {
  it('needs PostgreSQL and redis-server', () => requireReachable(missing));
});

const titles = (doc: Y.Doc) => new Set(validValues(readProjectDoc(doc).milestones).map((m) => m.title));

async function appliedVia(on: Running, via: 'fanout' | 'store'): Promise<number> {
  const text = await (await fetch(`${on.url}/metrics`)).text();
  return Number(new RegExp(`guatu_cluster_remote_updates_applied_total\\{via="${via}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

describe.skipIf(!reachable)('a real Redis restart under two instances on PostgreSQL', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('edits keep flowing between the instances while Redis is dead, the fan-out comes back by itself, nothing is lost', async () => {
    const database = await createTestDatabase('redisrestart');
    cleanups.push(() => database.drop());
    const temp = makeTempDir('redis-restart');
    cleanups.push(temp.remove);
    const redis = await startOwnRedis(await freePort());
    cleanups.push(() => redis.kill());
    const shared = { databaseUrl: database.url, redis: { url: redis.url, prefix: 'guatu-test:restart' } };
    // a short head check, so the store carries the edits within the test while Redis is away
    const A = await startApp(`${temp.dir}/a`, { ...shared, demo: true }, { clusterHeadCheckMs: 200 });
    cleanups.push(() => A.app.close());
    const B = await startApp(`${temp.dir}/b`, shared, { clusterHeadCheckMs: 200 });
    cleanups.push(() => B.app.close());
    const startup = A.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected the demo start on A');
    const code = startup.invites.find((i) => i.role === 'admin')?.code;
    if (!code) throw new Error('no admin invite');
    const admin = await joinWith(B.url, code);

    const clients: Client[] = [];
    const open = async (on: Running, room: string) => {
      const client = connect(on.wsUrl, room, admin.token);
      clients.push(client);
      cleanups.push(() => client.destroy());
      await synced(client);
      return client;
    };
    const workspace = await open(A, workspaceDocName(admin.workspaceId));
    const entry = validValues(readWorkspace(workspace.doc).registry)[0];
    if (!entry) throw new Error('the demo has no project');
    const room = projectDocName(admin.workspaceId, ProjectIdSchema.parse(entry.id));
    const onA = await open(A, room);
    const onB = await open(B, room);
    const made: string[] = [];
    const edit = (client: Client, title: string) => {
      const added = addMilestone(client.doc, { title, dueDate: '2026-06-30' }, { memberId: admin.memberId, at: Date.now() });
      if (!added.ok) throw new Error(`edit refused: ${JSON.stringify(added)}`);
      made.push(title);
    };
    const everywhere = (what: string) => waitFor(() => [onA, onB].every((c) => made.every((t) => titles(c.doc).has(t))), what, 20_000);

    edit(onA, 'before-a');
    edit(onB, 'before-b');
    await everywhere('the edits before the restart on both instances');
    expect((await appliedVia(A, 'fanout')) + (await appliedVia(B, 'fanout'))).toBeGreaterThan(0);

    await redis.kill();
    for (let i = 0; i < 5; i++) {
      edit(onA, `dead-a${i}`);
      edit(onB, `dead-b${i}`);
    }
    await everywhere('the edits made while Redis was dead, carried through the store');
    expect((await appliedVia(A, 'store')) + (await appliedVia(B, 'store'))).toBeGreaterThanOrEqual(10);

    await redis.start();
    const fanOutBefore = await appliedVia(B, 'fanout');
    // the fan-out reconnects by itself: an edit on A reaches B through Redis again
    let round = 0;
    await eventually(
      async () => {
        edit(onA, `after-a${round++}`);
        await everywhere('the edits after the restart');
        return (await appliedVia(B, 'fanout')) > fanOutBefore;
      },
      'B to apply an edit from A through the restarted Redis',
      30_000,
    );
    edit(onB, 'after-b');
    await everywhere('every edit on both instances');

    expect(clients.every((c) => c.closes.length === 0)).toBe(true);
    // the store holds every edit, in one chain that verifies
    const stored = new Y.Doc();
    for (const record of await A.app.store.history(room)) Y.applyUpdate(stored, record.update);
    expect([...made].filter((t) => !titles(stored).has(t))).toEqual([]);
    expect(await B.app.store.verify(room)).toMatchObject({ ok: true });
  }, 120_000);
});
