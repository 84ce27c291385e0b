/**
 * Three instances in one process, each a whole app (its own HTTP/WebSocket port, sync server, rooms, group commit),
 * on one PostgreSQL database and one Redis key prefix (docs/scale-out.md). Stock y-websocket clients spread over
 * the instances edit the same documents and converge; what is stored is one verified chain; a member revoked on one
 * instance is closed on the others.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { loadDoc } from '../../../server/bundle/store-bundle';
import { seededRandom } from '../storage/project-edits';
import { connect, eventually, joinWith, startApp, synced, waitFor, type Client, type Joined, type Running } from '../app/fixtures';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from '../storage/pg-database';
import { makeTempDir } from '../storage/temp-dir';
import { TEST_REDIS_URL, probeRedis, testPrefix } from './redis-test';

const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
const missing = !postgres.reachable ? postgres : redis;
const skip = mustSkip(missing, 'scale-out integration (PostgreSQL + Redis)');
const reachable = postgres.reachable && redis.reachable;

describe.runIf(!reachable && !skip)('scale-out integration (CI=1)', () => {
  it('needs PostgreSQL and Redis', () => requireReachable(missing));
});

describe.skipIf(!reachable)('three instances on one PostgreSQL + Redis', () => {
  let database: TestDatabase;
  let keys: ReturnType<typeof testPrefix>;
  let temp: ReturnType<typeof makeTempDir>;
  const instances: Running[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('scaleout');
    keys = testPrefix('scaleout');
    temp = makeTempDir('scale-out');
    const shared = { databaseUrl: database.url, redis: { url: TEST_REDIS_URL, prefix: keys.prefix } };
    // short summary leases, so a takeover fits in a test
    const quick = { summaryDuty: { intervalMs: 200, ttlMs: 2_000 } };
    // all three start at once on the empty database: exactly one creates the demo, the others find it
    const started = await Promise.all(['a', 'b', 'c'].map((name) => startApp(`${temp.dir}/${name}`, { ...shared, demo: true }, quick)));
    expect(started.map((i) => i.app.startup.kind).sort()).toEqual(['demo', 'existing', 'existing']);
    // A is the one that printed the invites
    instances.push(...started.filter((i) => i.app.startup.kind === 'demo'), ...started.filter((i) => i.app.startup.kind !== 'demo'));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const instance of instances) await instance.app.close();
    await database?.drop();
    await keys?.cleanup();
    temp?.remove();
  });

  const [A, B, C] = [0, 1, 2];
  function invite(role: 'admin' | 'member'): string {
    const startup = instances[A]!.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected the demo start on A');
    const found = startup.invites.find((i) => i.role === role);
    if (!found) throw new Error(`no ${role} invite`);
    return found.code;
  }
  async function open(on: number, room: string, who: Joined): Promise<Client> {
    const client = connect(instances[on]!.wsUrl, room, who.token);
    clients.push(client);
    await synced(client);
    return client;
  }
  const nameOf = (doc: Y.Doc) => {
    const read = readProjectDoc(doc).project;
    return read.ok ? read.value : null;
  };

  it('clients on three instances edit one project and converge, and the store holds one verified chain', async () => {
    // an invite printed by A is redeemed on B: the accounts are shared
    const admin = await joinWith(instances[B]!.url, invite('admin'));
    const workspace = await open(A, workspaceDocName(admin.workspaceId), admin);
    const entry = validValues(readWorkspace(workspace.doc).registry)[0];
    if (!entry) throw new Error('the demo has no project');
    const room = projectDocName(admin.workspaceId, ProjectIdSchema.parse(entry.id));
    const peers = [await open(A, room, admin), await open(B, room, admin), await open(C, room, admin)];

    const seed = 1111;
    const random = seededRandom(seed);
    const names = ['城东智能装备产业园', '临江污水处理厂扩建', '高铁新城综合体', '数字经济产业园'];
    for (let round = 0; round < 30; round++) {
      const peer = peers[Math.floor(random() * peers.length)]!;
      const edit = editProject(peer.doc, { name: `${names[round % names.length]}${round}` }, { memberId: admin.memberId, at: Date.now() });
      expect(edit.ok, `seed ${seed}, round ${round}`).toBe(true);
      if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve));
    }
    const sameState = () => {
      const vectors = peers.map((p) => Buffer.from(Y.encodeStateVector(p.doc)).toString('hex'));
      return vectors.every((v) => v === vectors[0]);
    };
    await waitFor(sameState, `the three clients to converge (seed ${seed})`);
    const final = nameOf(peers[0]!.doc);
    for (const peer of peers) expect(nameOf(peer.doc), `seed ${seed}`).toEqual(final);
    // what every instance stored is that same state, in one chain without gaps
    await eventually(async () => {
      const stored = await loadDoc(instances[C]!.app.store, room);
      const same = stored !== null && Buffer.from(Y.encodeStateVector(stored)).equals(Buffer.from(Y.encodeStateVector(peers[0]!.doc)));
      stored?.destroy();
      return same;
    }, 'the store to hold the converged state');
    const history = await instances[B]!.app.store.history(room);
    expect(history.map((r) => r.seq)).toEqual(history.map((_, i) => i + 1));
    expect(await instances[A]!.app.store.verify(room)).toMatchObject({ ok: true });
    // the instances applied each other's edits, through the fan-out (and, after an overtaken publish, the store)
    const applied = async (on: Running, via: 'fanout' | 'store') => {
      const text = await (await fetch(`${on.url}/metrics`)).text();
      return Number(new RegExp(`guatu_cluster_remote_updates_applied_total\\{via="${via}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    const viaFanOut = await Promise.all(instances.map((i) => applied(i, 'fanout')));
    const viaStore = await Promise.all(instances.map((i) => applied(i, 'store')));
    expect(
      viaFanOut.reduce((a, b) => a + b, 0),
      `fan-out ${viaFanOut}, store ${viaStore}`,
    ).toBeGreaterThan(0);
    // a newcomer on any instance gets the same document
    const late = await open(C, room, admin);
    expect(nameOf(late.doc)).toEqual(final);
    expect(peers.every((p) => p.closes.length === 0)).toBe(true);
  });

  it('a member revoked on instance A is closed on B and C within seconds, and cannot come back', async () => {
    const member = await joinWith(instances[C]!.url, invite('member'));
    const admin = await joinWith(instances[A]!.url, invite('admin')).catch(() => null);
    const workspaceName = workspaceDocName(member.workspaceId);
    const onB = await open(B, workspaceName, member);
    const onC = await open(C, workspaceName, member);
    await instances[A]!.app.auth.revokeMember(member.workspaceId, member.memberId, admin?.memberId ?? 'test');
    await waitFor(() => onB.closes.includes(CloseCode.revoked) && onC.closes.includes(CloseCode.revoked), 'the member’s sockets on B and C to close with 4409');
    onB.destroy();
    onC.destroy();
    const again = connect(instances[B]!.wsUrl, workspaceName, member.token);
    clients.push(again);
    await waitFor(() => again.closes.includes(CloseCode.unauthenticated), 'a reconnect on B to be refused with 4401');
  });

  it('exactly one instance derives the summary, whichever instance took the edit; when it leaves, another takes over and catches up', async () => {
    const startup = instances[A]!.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected the demo start on A');
    const adminId = startup.invites.find((i) => i.role === 'admin')!.memberId;
    const issued = await instances[A]!.app.auth.tokens.issue(startup.workspaceId, adminId, 'admin');
    if (!issued) throw new Error('no token for the admin');
    const admin: Joined = { token: issued.token, memberId: adminId, workspaceId: startup.workspaceId, role: 'admin' };
    const holders = () => instances.filter((i) => i.app.summaryDuty?.fence(admin.workspaceId));
    await waitFor(() => holders().length === 1, 'one instance to hold the summary lease');
    const nonHolder = instances.find((i) => !holders().includes(i))!;

    const workspace = await open(instances.indexOf(nonHolder), workspaceDocName(admin.workspaceId), admin);
    const entry = validValues(readWorkspace(workspace.doc).registry)[1];
    if (!entry) throw new Error('the demo has too few projects');
    const room = projectDocName(admin.workspaceId, ProjectIdSchema.parse(entry.id));
    const summaryRow = async (store: Running['app']['store']) => {
      const doc = await loadDoc(store, summaryDocName(admin.workspaceId));
      const row = doc ? validValues(readSummary(doc).rows).find((r) => r.projectId === entry.id) : undefined;
      doc?.destroy();
      return row?.name;
    };
    const rename = async (on: Running, name: string) => {
      const client = await open(instances.indexOf(on), room, admin);
      expect(editProject(client.doc, { name }, { memberId: admin.memberId, at: Date.now() }).ok).toBe(true);
    };

    // an edit on an instance that does not hold the lease reaches the summary through the one that does
    await rename(nonHolder, '城东智能装备产业园（一期）');
    await eventually(async () => (await summaryRow(nonHolder.app.store)) === '城东智能装备产业园（一期）', 'the holder to derive the row');
    // never two holders at once (under heavy load the lease may have moved, which is allowed)
    await waitFor(() => holders().length === 1, 'one instance to hold the summary lease');
    const holder = holders()[0]!;
    const others = instances.filter((i) => i !== holder);

    // the holder leaves; an edit made before anyone took over is caught up by the next holder
    await holder.app.close();
    await rename(others[1]!, '城东智能装备产业园（二期）');
    await waitFor(() => others.filter((i) => i.app.summaryDuty?.fence(admin.workspaceId)).length === 1, 'another instance to take the summary lease', 15_000);
    await eventually(async () => (await summaryRow(others[0]!.app.store)) === '城东智能装备产业园（二期）', 'the new holder to catch the row up', 15_000);
  });
});
