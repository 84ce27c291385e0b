/**
 * `npm run bench:scale` (#11): the same load side by side in one run — one instance on SQLite, one on PostgreSQL, and
 * two on PostgreSQL + Redis with the writers on one and the readers on the other — plus durable appends/s of each
 * store and the cold load of a 50k-update document. Everything runs in this one process (servers and stock
 * y-websocket clients), so "CPU per 1000 edits" is the whole process's, clients included. PostgreSQL and Redis from
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database is created and dropped) and
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379, a key prefix of its own). Writes a Markdown table to stdout.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createClusterLink } from '../../server/cluster/cluster-link';
import { openRedisFanOut } from '../../server/cluster/redis-fan-out';
import { createSilentLogger } from '../../server/log';
import { createMetrics } from '../../server/metrics';
import type { DocumentStore } from '../../server/storage/document-store';
import { mergeUpdatesInBatches } from '../../server/storage/merge-updates';
import { openPgPool } from '../../server/storage/pg-pool';
import { openPgStore } from '../../server/storage/pg-store';
import { openSqliteStore } from '../../server/storage/sqlite-store';
import type { RoomCluster } from '../../server/sync/config';
import { createSyncServer } from '../../server/sync/sync-server';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DOCS = 10;
const EDITS_PER_DOC = 200;
const COLD_UPDATES = 50_000;
const logger = createSilentLogger();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function withDatabase<T>(label: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `guatu_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function startServer(store: DocumentStore, cluster?: RoomCluster) {
  const server = createSyncServer({
    store,
    authenticate: async (token) => (token ? { workspaceId: 'bench', memberId: token, role: 'member' } : { failure: 'invalid' }),
    authorize: async () => ({ read: true, write: true }),
    logger,
    metrics: createMetrics(),
    limits: { idleUnloadMs: 60 * 60_000, messagesPerSecond: 10_000, messageBurst: 10_000 },
    cluster,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return { url: `ws://127.0.0.1:${port}`, close: () => server.close() };
}

function client(url: string, room: string, n: number): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: `bench-${process.pid}-${n}` },
    disableBc: true,
  });
  return { doc, provider };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Writers edit DOCS documents; a reader per document on `readerUrl` records edit→peer latency. */
async function editToPeer(writerUrl: string, readerUrl: string) {
  const latencies: number[] = [];
  const pairs = Array.from({ length: DOCS }, (_, d) => {
    const room = `bench/scale-${randomBytes(3).toString('hex')}-${d}`;
    const writer = client(writerUrl, room, 2 * d);
    const reader = client(readerUrl, room, 2 * d + 1);
    reader.doc.getMap('edits').observe((event) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        const sent = reader.doc.getMap('edits').get(key);
        if (typeof sent === 'number') latencies.push(now - sent);
      }
    });
    return { writer, reader };
  });
  await until(() => pairs.every((p) => p.writer.provider.synced && p.reader.provider.synced), 'clients synced');
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < EDITS_PER_DOC; i++) {
    for (const { writer } of pairs) writer.doc.getMap('edits').set(String(i), performance.now());
    // 500 edits/s in all: a load the slowest setup keeps up with, so latency is not queueing
    await new Promise((r) => setTimeout(r, 20));
  }
  await until(() => latencies.length >= DOCS * EDITS_PER_DOC, 'every edit at its reader');
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  for (const { writer, reader } of pairs) {
    writer.provider.destroy();
    reader.provider.destroy();
  }
  const edits = DOCS * EDITS_PER_DOC;
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    editsPerSecond: edits / seconds,
    cpuMsPer1000: ((used.user + used.system) / 1000 / edits) * 1000,
  };
}

/** Durable appends per second: 8 callers appending one update each at a time, and group-commit batches of 64. */
async function appendRate(store: DocumentStore) {
  const edit = (doc: Y.Doc, i: number) => {
    let update: Uint8Array = new Uint8Array();
    const listener = (u: Uint8Array) => {
      update = u;
    };
    doc.on('update', listener);
    doc.getMap('m').set(String(i), i);
    doc.off('update', listener);
    return update;
  };
  const singles = 800;
  const docs = Array.from({ length: 8 }, () => new Y.Doc());
  let started = performance.now();
  await Promise.all(
    docs.map(async (doc, c) => {
      for (let i = 0; i < singles / docs.length; i++) await store.append(`bench/append-${c}`, edit(doc, i), 'bench', Date.now());
    }),
  );
  const single = singles / ((performance.now() - started) / 1000);
  const batchDoc = new Y.Doc();
  const batches = 50;
  started = performance.now();
  for (let b = 0; b < batches; b++) {
    await store.appendMany(
      Array.from({ length: 64 }, (_, i) => ({ docName: `bench/batch-${i % 8}`, update: edit(batchDoc, b * 64 + i), author: 'bench', at: Date.now() })),
    );
  }
  const batched = (batches * 64) / ((performance.now() - started) / 1000);
  return { single, batched };
}

/** A 50k-update document: load from the store, against applying its merged state (the floor). */
async function coldLoad(store: DocumentStore, reopen: () => Promise<DocumentStore>) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < COLD_UPDATES; i++) doc.getMap('project').set(`k${i % 500}`, i);
  for (let i = 0; i < updates.length; i += 1000) {
    await store.appendMany(updates.slice(i, i + 1000).map((update, j) => ({ docName: 'bench/cold', update, author: 'bench', at: Date.now() + i + j })));
  }
  await store.close();
  const fresh = await reopen();
  let started = performance.now();
  const loaded = await fresh.load('bench/cold');
  const target = new Y.Doc();
  if (loaded) Y.applyUpdate(target, loaded);
  const loadMs = performance.now() - started;
  await fresh.close();
  const merged = mergeUpdatesInBatches(updates) ?? new Uint8Array();
  started = performance.now();
  const floorDoc = new Y.Doc();
  Y.applyUpdate(floorDoc, merged);
  const floorMs = performance.now() - started;
  return { loadMs, floorMs, ratio: loadMs / floorMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guatu-bench-scale-'));
  const rows: string[] = [];
  try {
    // 1. one instance on SQLite
    const sqliteStore = openSqliteStore({ path: join(dir, 'bench.sqlite') });
    const sqliteServer = await startServer(sqliteStore);
    const sqlite = await editToPeer(sqliteServer.url, sqliteServer.url);
    await sqliteServer.close();
    const sqliteAppends = await appendRate(sqliteStore);
    await sqliteStore.close();
    const sqlitePath = join(dir, 'cold.sqlite');
    const sqliteCold = await coldLoad(openSqliteStore({ path: sqlitePath }), async () => openSqliteStore({ path: sqlitePath }));
    rows.push(row('1 instance, SQLite', sqlite, sqliteAppends, sqliteCold));

    // 2. one instance on PostgreSQL
    await withDatabase('one', async (url) => {
      const pool = openPgPool({ connectionString: url });
      const store = await openPgStore({ pool });
      const server = await startServer(store);
      const one = await editToPeer(server.url, server.url);
      await server.close();
      const appends = await appendRate(store);
      await pool.end();
      const cold = await withDatabase('cold', async (coldUrl) => {
        const open = async () => openPgStore({ pool: openPgPool({ connectionString: coldUrl }), ownsPool: true });
        return coldLoad(await open(), open);
      });
      rows.push(row('1 instance, PostgreSQL', one, appends, cold));
    });

    // 3. two instances on PostgreSQL + Redis: writers on A, readers on B
    await withDatabase('two', async (url) => {
      const prefix = `guatu-bench:${randomBytes(4).toString('hex')}`;
      const instances = await Promise.all(
        [0, 1].map(async () => {
          const pool = openPgPool({ connectionString: url });
          const store = await openPgStore({ pool });
          const link = await createClusterLink({ store, logger, openFanOut: (onUpdates) => openRedisFanOut({ url: REDIS_URL, prefix, onUpdates, logger }) });
          const server = await startServer(store, link);
          return { pool, link, server };
        }),
      );
      const two = await editToPeer(instances[0]!.server.url, instances[1]!.server.url);
      for (const i of instances) {
        await i.server.close();
        await i.link.close();
        await i.pool.end();
      }
      rows.push(row('2 instances, PostgreSQL + Redis (writers on A, readers on B)', two, null, null));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end, Node ${process.version}`;
  process.stdout.write(
    [
      `# bench:scale ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Machine: ${machine}. ${DOCS} documents × ${EDITS_PER_DOC} edits, one writer and one reader each; cold load: ${COLD_UPDATES} updates, no snapshot.`,
      'All in one process (servers and clients): CPU per 1000 edits is the whole process.',
      '',
      '| setup | edit→peer p50 ms | p99 ms | edits/s | CPU ms / 1000 edits | appends/s (1 per txn, 8 callers) | appends/s (batches of 64) | cold load 50k ms | floor ms | load/floor |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

type Latency = Awaited<ReturnType<typeof editToPeer>>;
function row(name: string, l: Latency, a: Awaited<ReturnType<typeof appendRate>> | null, c: Awaited<ReturnType<typeof coldLoad>> | null): string {
  const f = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));
  return `| ${name} | ${f(l.p50, 2)} | ${f(l.p99, 2)} | ${f(l.editsPerSecond, 0)} | ${f(l.cpuMsPer1000, 0)} | ${f(a?.single, 0)} | ${f(a?.batched, 0)} | ${f(c?.loadMs, 0)} | ${f(c?.floorMs, 0)} | ${f(c?.ratio, 2)} |`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
