/**
 * `npm run bench:scale` (#11): the same load side by side in one run — one instance on SQLite, one on PostgreSQL, and
 * two on PostgreSQL + Redis with the writers on one and the readers on the other — plus durable appends/s of each
 * store and the cold load of a 50k-update document by bench:sync's method (a fresh server process, first connect →
 * synced, against the floor of applying the merged state in a fresh process).
 *
 * Every instance runs in its own process (scripts/bench/scale/instance.ts) and the stock y-websocket clients in this
 * one, so CPU is reported per instance, for the clients, and for the PostgreSQL and Redis server processes. PostgreSQL
 * and Redis from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database is created and
 * dropped per run) and BENCH_REDIS_URL (default redis://127.0.0.1:6379, a key prefix of its own). BENCH_REPS runs of
 * each setup (default 3), interleaved; medians are reported; BENCH_COLD=0 skips the cold load; BENCH_DOCS
 * sets how many documents are edited at once (default 10). Progress goes to stderr, the Markdown report to stdout.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocumentStore } from '../../server/storage/document-store';
import { openPgPool } from '../../server/storage/pg-pool';
import { openPgStore } from '../../server/storage/pg-store';
import { openSqliteStore } from '../../server/storage/sqlite-store';
import { crossingFloor, type CrossingFloor } from './scale/crossing-floor';
import { startInstance, type BenchInstance } from './scale/instances';
import { serviceCpuMs } from './scale/service-cpu';
import { COLD_DOCS, floorColdLoad, oursColdLoad, seedColdDocuments, seedColdFixture, type ColdFixture } from './sync/cold-load';
import { projectHistory } from './sync/demo-documents';
import { sampleMachineLoad } from './sync/machine-load';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const DOCS = Number(process.env.BENCH_DOCS ?? 10);
const EDITS_PER_DOC = 200;
/** The writers edit every document once per round. */
const ROUND_MS = 20;
const COLD_UPDATES = 50_000;
const COMPACT_EVERY = 500;
/** BENCH_COLD=0 skips the cold load (a quick look at the edit→peer figures). */
const WITH_COLD = process.env.BENCH_COLD !== '0';

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => percentile(values, 50);

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

interface EditRun {
  p50: number;
  p99: number;
  editsPerSecond: number;
  /** CPU ms per 1000 edits: each instance, the clients (this process), PostgreSQL and Redis server processes. */
  instanceCpu: number[];
  clientCpu: number;
  postgresCpu: number | null;
  redisCpu: number | null;
  /** Median time a group-commit batch took to become durable, on the writers' instance. */
  appendP50: number;
}

/** Writers on `instances[0]` edit DOCS documents; a reader per document on the last instance records edit→peer. */
async function editToPeer(instances: BenchInstance[]): Promise<EditRun> {
  const writerUrl = instances[0]?.url ?? '';
  const readerUrl = instances.at(-1)?.url ?? '';
  const latencies: number[] = [];
  // the projects of one county's workspace, edited by its cadres at once (a workspace's documents share a fan-out stream)
  const workspace = `bench-${randomBytes(3).toString('hex')}`;
  const pairs = Array.from({ length: DOCS }, (_, d) => {
    const room = `ws/${workspace}/project/p-${d}`;
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
  for (const instance of instances) instance.reset();
  const services = serviceCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < EDITS_PER_DOC; i++) {
    for (const { writer } of pairs) writer.doc.getMap('edits').set(String(i), performance.now());
    // 500 edits/s over 10 documents: a load the slowest setup keeps up with, so latency is not queueing
    await new Promise((r) => setTimeout(r, ROUND_MS));
  }
  await until(() => latencies.length >= DOCS * EDITS_PER_DOC, 'every edit at its reader');
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const servicesAfter = serviceCpuMs();
  const stats = await Promise.all(instances.map((i) => i.stats()));
  for (const { writer, reader } of pairs) {
    writer.provider.destroy();
    reader.provider.destroy();
  }
  const per1000 = (ms: number) => (ms / (DOCS * EDITS_PER_DOC)) * 1000;
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    editsPerSecond: (DOCS * EDITS_PER_DOC) / seconds,
    instanceCpu: stats.map((s) => per1000(s.cpuMs)),
    clientCpu: per1000((used.user + used.system) / 1000),
    postgresCpu: services && servicesAfter ? per1000(servicesAfter.postgres - services.postgres) : null,
    redisCpu: services && servicesAfter ? per1000(servicesAfter['redis-server'] - services['redis-server']) : null,
    appendP50: median(stats[0]?.appendMs ?? []),
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

type SetupName = 'sqlite' | 'pg' | 'pgRedis';
const SETUP_LABELS: Record<SetupName, string> = {
  sqlite: '1 instance, SQLite',
  pg: '1 instance, PostgreSQL',
  pgRedis: '2 instances, PostgreSQL + Redis (writers on A, readers on B)',
};

async function runSetup(setup: SetupName, dir: string, rep: number): Promise<EditRun> {
  const measure = async (envs: Record<string, string>[]) => {
    const instances = await Promise.all(envs.map((env) => startInstance(env)));
    try {
      return await editToPeer(instances);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  };
  if (setup === 'sqlite') return measure([{ BENCH_STORE: 'sqlite', BENCH_SQLITE_PATH: join(dir, `edits-${rep}.sqlite`) }]);
  if (setup === 'pg') return withDatabase('one', (url) => measure([{ BENCH_STORE: 'pg', BENCH_DATABASE_URL: url }]));
  const prefix = `guatu-bench:${randomBytes(4).toString('hex')}`;
  const env = (url: string) => ({ BENCH_STORE: 'pg', BENCH_DATABASE_URL: url, BENCH_REDIS_URL: REDIS_URL, BENCH_REDIS_PREFIX: prefix });
  return withDatabase('two', (url) => measure([env(url), env(url)]));
}

interface ColdRuns {
  floor: number[];
  sqlite: { compacted: number[]; uncompacted: number[] };
  pg: { compacted: number[]; uncompacted: number[] };
}

async function coldLoads(dir: string): Promise<ColdRuns> {
  log(`building a ${COLD_UPDATES.toLocaleString('en-US')}-update project history (bench:sync's) and seeding SQLite and PostgreSQL`);
  const updates = projectHistory(COLD_UPDATES);
  const sqliteFixture = await seedColdFixture(dir, updates, COMPACT_EVERY);
  return withDatabase('cold', async (url) => {
    const store = await openPgStore({ pool: openPgPool({ connectionString: url }), ownsPool: true });
    await seedColdDocuments(store, updates, COMPACT_EVERY);
    await store.close();
    const pgFixture: ColdFixture = { ...sqliteFixture, databasePath: url };
    const runs: ColdRuns = { floor: [], sqlite: { compacted: [], uncompacted: [] }, pg: { compacted: [], uncompacted: [] } };
    for (let rep = 0; rep < REPS; rep++) {
      runs.floor.push(await floorColdLoad(sqliteFixture));
      for (const [name, fixture] of [
        ['sqlite', sqliteFixture],
        ['pg', pgFixture],
      ] as const) {
        runs[name].compacted.push((await oursColdLoad(fixture, COLD_DOCS.compacted)).ms);
        runs[name].uncompacted.push((await oursColdLoad(fixture, COLD_DOCS.uncompacted)).ms);
      }
      log(
        `cold load #${rep + 1}: floor ${runs.floor.at(-1)?.toFixed(1)} ms; SQLite ${runs.sqlite.compacted.at(-1)?.toFixed(1)} / ${runs.sqlite.uncompacted.at(-1)?.toFixed(1)} ms; PostgreSQL ${runs.pg.compacted.at(-1)?.toFixed(1)} / ${runs.pg.uncompacted.at(-1)?.toFixed(1)} ms (compacted / uncompacted)`,
      );
    }
    return runs;
  });
}

const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function editRow(setup: SetupName, runs: EditRun[]): string {
  const instances = runs[0]?.instanceCpu.length ?? 0;
  const instanceCpu = Array.from({ length: instances }, (_, i) => f(median(runs.map((r) => r.instanceCpu[i] ?? Number.NaN)), 0)).join(' + ');
  const pgCpu = runs.every((r) => r.postgresCpu !== null) ? median(runs.map((r) => r.postgresCpu ?? 0)) : null;
  const redisCpu = runs.every((r) => r.redisCpu !== null) ? median(runs.map((r) => r.redisCpu ?? 0)) : null;
  return `| ${SETUP_LABELS[setup]} | ${f(median(runs.map((r) => r.p50)), 2)} | ${f(median(runs.map((r) => r.p99)), 2)} | ${runs.map((r) => f(r.p50, 2)).join(', ')} | ${f(median(runs.map((r) => r.editsPerSecond)), 0)} | ${instanceCpu} | ${f(median(runs.map((r) => r.clientCpu)), 0)} | ${setup === 'sqlite' ? '—' : f(pgCpu, 0)} | ${setup === 'pgRedis' ? f(redisCpu, 0) : '—'} | ${f(median(runs.map((r) => r.appendP50)), 2)} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guatu-bench-scale-'));
  const loadBefore = await sampleMachineLoad();
  const edits: Record<SetupName, EditRun[]> = { sqlite: [], pg: [], pgRedis: [] };
  const floors: CrossingFloor[] = [];
  let rates: Record<'sqlite' | 'pg', Awaited<ReturnType<typeof appendRate>>> | null = null;
  let cold: ColdRuns;
  try {
    for (let rep = 0; rep < REPS; rep++) {
      for (const setup of ['sqlite', 'pg', 'pgRedis'] as const) {
        const run = await runSetup(setup, dir, rep);
        edits[setup].push(run);
        log(`edit→peer #${rep + 1} ${setup}: p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, append p50 ${run.appendP50.toFixed(2)} ms`);
      }
      const floor = await withDatabase('floor', (url) => crossingFloor(url, REDIS_URL, EDITS_PER_DOC, ROUND_MS));
      floors.push(floor);
      log(`crossing floor #${rep + 1}: commit p50 ${floor.commitP50.toFixed(2)} ms, Redis hop p50 ${floor.hopP50.toFixed(2)} ms`);
    }
    const sqliteStore = openSqliteStore({ path: join(dir, 'appends.sqlite') });
    const sqliteRate = await appendRate(sqliteStore);
    await sqliteStore.close();
    const pgRate = await withDatabase('appends', async (url) => {
      const store = await openPgStore({ pool: openPgPool({ connectionString: url }), ownsPool: true });
      try {
        return await appendRate(store);
      } finally {
        await store.close();
      }
    });
    rates = { sqlite: sqliteRate, pg: pgRate };
    cold = WITH_COLD ? await coldLoads(dir) : { floor: [], sqlite: { compacted: [], uncompacted: [] }, pg: { compacted: [], uncompacted: [] } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = await sampleMachineLoad();
  const share = (s: number | null) => (s === null ? '—' : `${Math.round(s * 100)} %`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end; cores busy before the run ${share(loadBefore.busyShare)}, after ${share(loadAfter.busyShare)}`;
  const floor = median(cold.floor);
  const crossing = median(edits.pgRedis.map((r) => r.p50)) - median(edits.pg.map((r) => r.p50));
  const commitFloor = median(floors.map((x) => x.commitP50));
  const hopFloor = median(floors.map((x) => x.hopP50));
  const coldRow = (name: string, runs: ColdRuns['sqlite']) =>
    `| ${name} | ${f(median(runs.compacted), 1)} | ${f(median(runs.compacted) / floor, 2)} | ${f(median(runs.uncompacted), 1)} | ${f(median(runs.uncompacted) / floor, 2)} |`;
  process.stdout.write(
    [
      `# bench:scale ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Machine: ${machine}. Medians of ${REPS} interleaved runs per setup.`,
      '',
      `## Edit → peer (${DOCS} documents × ${EDITS_PER_DOC} edits, each document edited once every ${ROUND_MS} ms: ${Math.round((DOCS * 1000) / ROUND_MS)} edits/s; one writer and one reader per document)`,
      '',
      'CPU is ms per 1000 edits, per process: each instance in its own process, the 20 stock y-websocket clients together, and every `postgres` / `redis-server` process (those include other users of the same servers during the run). "append" is the median time a group-commit batch took to become durable on the writers\' instance.',
      '',
      '| setup | edit→peer p50 ms | p99 ms | p50 of each run | edits/s | CPU instance(s) | CPU clients | CPU PostgreSQL | CPU Redis | append p50 ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...(['sqlite', 'pg', 'pgRedis'] as const).map((s) => editRow(s, edits[s])),
      '',
      `Cross-instance adds ${f(crossing, 2)} ms at p50 over one instance on PostgreSQL.`,
      '',
      `**The floor of a crossing on this machine** (scripts/bench/scale/crossing-floor.ts, measured in each rep at the same pace, one round every ${ROUND_MS} ms): a durable one-row commit on PostgreSQL ${f(commitFloor, 2)} ms + one Redis Streams hop (XADD → the blocked XREAD) ${f(hopFloor, 2)} ms = ${f(commitFloor + hopFloor, 2)} ms p50, before either instance does any work. Crossing adds ${f(crossing - commitFloor - hopFloor, 2)} ms above that floor.`,
      '',
      '## Durable appends/s (in this process, on the store directly)',
      '',
      '| store | 1 per transaction, 8 callers | batches of 64 |',
      '| --- | --- | --- |',
      `| SQLite | ${f(rates?.sqlite.single, 0)} | ${f(rates?.sqlite.batched, 0)} |`,
      `| PostgreSQL | ${f(rates?.pg.single, 0)} | ${f(rates?.pg.batched, 0)} |`,
      '',
      `## Cold load of a ${COLD_UPDATES.toLocaleString('en-US')}-update project document (bench:sync's method)`,
      '',
      `A fresh server process, a warm-up document, then first connect → synced on the measured one; the floor is a fresh process applying the merged state (${(cold.floor.length > 0 ? 'median ' : '') + f(floor, 1)} ms). Compacted: a snapshot every ${COMPACT_EVERY} updates, as the server keeps.`,
      '',
      '| store | compacted ms | ÷ floor | uncompacted ms | ÷ floor |',
      '| --- | --- | --- | --- | --- |',
      coldRow('SQLite', cold.sqlite),
      coldRow('PostgreSQL', cold.pg),
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
