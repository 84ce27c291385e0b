/**
 * `npm run bench:activity` (#13): the workspace-wide activity on a year of history. Builds the city demo's year of
 * attributed edits (every project's registration, stage moves, 月报, problems… as the first start stores them), stores
 * it in a SQLite file, lets the activity indexer replay and index all of it (throughput), then amplifies the index to
 * `--copies` times the city (the same entries on renamed projects, same times and people: a larger city's year) and
 * measures the page latency of GET /api/workspaces/:id/activity through the route (rights, index query, names, plain
 * words) with and without filters, on the first page and deep in the history (by cursor). With `--pg` the same index
 * queries on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; a database is created
 * and dropped). Writes Markdown to stdout.
 *
 *   node --import tsx scripts/bench/activity.ts [--copies 10] [--pages 60] [--pg]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { shanghaiDate } from '../../shared/format';
import { workspaceDocName } from '../../shared/model/doc-names';
import type { ActivityEntry, ActivityFilter, ActivityIndex } from '../../server/activity/activity-index';
import { createActivityIndexer } from '../../server/activity/activity-indexer';
import { openPgActivityIndex } from '../../server/activity/pg-activity-index';
import { openSqliteActivityIndex } from '../../server/activity/sqlite-activity-index';
import { workspaceDirectory } from '../../server/activity/workspace-directory';
import { createLiveRights } from '../../server/auth/live-rights';
import { openSqliteAccountStore } from '../../server/auth/sqlite-account-store';
import type { TokenService } from '../../server/auth/tokens';
import { importDemoWithHistory } from '../../server/bundle/demo-history';
import { demoBundle } from '../../server/bundle/demo-workspace';
import { loadDoc } from '../../server/bundle/store-bundle';
import { DEMO_SEED } from '../../server/config';
import { createSilentLogger } from '../../server/log';
import { createMetrics } from '../../server/metrics';
import { appRoutes } from '../../server/rest/app-routes';
import { openPgPool } from '../../server/storage/pg-pool';
import { openSqliteStore } from '../../server/storage/sqlite-store';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const COPIES = option('copies', 10);
const PAGES = option('pages', 60);
const WITH_PG = args.includes('--pg');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = Date.UTC(2026, 11, 20, 4, 0); // 2026-12-20: a year of history behind it
const LIMIT = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN;
}
const ms = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

/** Every entry of the index for the workspace, newest first (for the amplification). */
async function everything(index: ActivityIndex, workspaceId: string): Promise<ActivityEntry[]> {
  const out: ActivityEntry[] = [];
  let cursor = null;
  for (;;) {
    const page = await index.query({ workspaceId, filter: {}, cursor, limit: 200 });
    out.push(...page.entries);
    if (!page.next) return out;
    cursor = page.next;
  }
}

/** The same year on `copies` more cities' worth of projects: entries of renamed projects, same people and times. */
async function amplify(index: ActivityIndex, base: readonly ActivityEntry[], copies: number): Promise<number> {
  const byProject = new Map<string, ActivityEntry[]>();
  for (const e of base) byProject.set(e.projectId, [...(byProject.get(e.projectId) ?? []), e]);
  let total = base.length;
  for (let copy = 1; copy <= copies; copy++) {
    for (const [projectId, entries] of byProject) {
      const renamed = entries.map((e) => ({ ...e, projectId: `${projectId}-c${copy}` }));
      await index.record(`ws/${entries[0]?.workspaceId}/project/${projectId}-c${copy}`, renamed, Math.max(...renamed.map((e) => e.seq)));
      total += renamed.length;
    }
  }
  return total;
}

interface Case {
  name: string;
  filter: ActivityFilter;
  query: string;
}

function cases(entries: readonly ActivityEntry[]): Case[] {
  const count = <K extends string>(key: (e: ActivityEntry) => K | null): K => {
    const counts = new Map<K, number>();
    for (const e of entries) {
      const k = key(e);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // a middling one: neither the busiest nor a rare one
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    return (sorted[Math.floor(sorted.length / 3)] ?? sorted[0])?.[0] as K;
  };
  const member = count((e) => e.memberId);
  const unit = count((e) => e.unitId);
  const project = count((e) => e.projectId);
  const from = '2026-06-01';
  const to = '2026-06-30';
  const fromMs = Date.parse(`${from}T00:00:00+08:00`);
  const toMs = Date.parse(`${to}T00:00:00+08:00`) + 86_400_000;
  return [
    { name: 'no filter', filter: {}, query: '' },
    { name: 'member', filter: { memberId: member }, query: `member=${member}` },
    { name: 'unit', filter: { unitId: unit }, query: `unit=${unit}` },
    { name: 'project', filter: { projectId: project }, query: `project=${project}` },
    { name: 'kind = report', filter: { kind: 'report' }, query: 'kind=report' },
    { name: 'June (date range)', filter: { from: fromMs, to: toMs }, query: `from=${from}&to=${to}` },
    { name: 'member + kind = problem', filter: { memberId: member, kind: 'problem' }, query: `member=${member}&kind=problem` },
    { name: 'unit + June', filter: { unitId: unit, from: fromMs, to: toMs }, query: `unit=${unit}&from=${from}&to=${to}` },
  ];
}

/** Index-only latency: first page, and pages reached by walking the cursor `depth` pages in. */
async function indexLatency(index: ActivityIndex, workspaceId: string, c: Case, depth: number): Promise<{ first: number; deep: number; deepPage: number }> {
  const first: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    await index.query({ workspaceId, filter: c.filter, cursor: null, limit: LIMIT });
    first.push(performance.now() - t);
  }
  const deep: number[] = [];
  let cursor = null;
  let page = 0;
  for (; page < depth; page++) {
    const t = performance.now();
    const got = await index.query({ workspaceId, filter: c.filter, cursor, limit: LIMIT });
    if (page >= depth - PAGES) deep.push(performance.now() - t);
    if (!got.next) break;
    cursor = got.next;
  }
  return { first: median(first), deep: deep.length > 0 ? median(deep) : Number.NaN, deepPage: page };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guatu-bench-activity-'));
  const lines: string[] = [];
  const out = (line = ''): void => {
    lines.push(line);
  };
  try {
    const path = join(dir, 'guatu.sqlite');
    const store = openSqliteStore({ path });
    const accounts = openSqliteAccountStore(path);
    let t = performance.now();
    const bundle = demoBundle('city', DEMO_SEED, NOW);
    const imported = await importDemoWithHistory({ store, accounts, now: () => NOW }, bundle, shanghaiDate(NOW));
    if (!imported.ok) throw new Error('the demo did not import');
    const seedSeconds = (performance.now() - t) / 1000;
    const workspaceId = bundle.workspace.id;
    const wsDoc = (await loadDoc(store, workspaceDocName(workspaceId))) ?? new Y.Doc();
    const directory = workspaceDirectory(wsDoc);

    const index = openSqliteActivityIndex(path);
    let turns = 0;
    let longestTurn = 0;
    let lastTurn = performance.now();
    const indexer = createActivityIndexer({
      store,
      index,
      logger: createSilentLogger(),
      unitsOf: async () => directory.unitOf,
      yieldToLoop: () =>
        new Promise((resolve) =>
          setImmediate(() => {
            const now = performance.now();
            longestTurn = Math.max(longestTurn, now - lastTurn);
            lastTurn = now;
            turns += 1;
            resolve();
          }),
        ),
    });
    t = performance.now();
    lastTurn = t;
    await indexer.catchUp();
    await indexer.idle();
    const indexSeconds = (performance.now() - t) / 1000;
    const stats = indexer.stats();
    await indexer.close();
    const base = await everything(index, workspaceId);
    t = performance.now();
    const total = await amplify(index, base, COPIES);
    const amplifySeconds = (performance.now() - t) / 1000;

    // the route as the server runs it (token check, rights, index, names, plain words), through Hono without a socket
    const admin = bundle.workspace.members.find((m) => m.role === 'admin');
    if (!admin) throw new Error('no admin in the demo');
    const tokens: TokenService = {
      issue: async () => null,
      verify: async () => ({ ok: true, principal: { workspaceId, memberId: admin.id, role: 'admin', tokenId: 't' }, expiresAt: NOW + 86_400_000 }),
    };
    const app = appRoutes({
      tokens,
      documents: { getDocument: async () => ({ doc: wsDoc, release: () => undefined }) as never },
      store,
      metrics: createMetrics(),
      stats: () => ({ documentsLoaded: 0, connections: 0 }) as never,
      lookupMember: async () => ({ role: 'admin', archived: false }),
      startedAt: NOW,
      now: () => NOW,
      activity: { index, callerLimits: { inFlight: 4, perMinute: 1e9, burst: 1e9 } },
      // as the server runs it: the rights view read once per state of the workspace document
      viewOf: createLiveRights().viewOf,
    });
    const route = async (query: string): Promise<{ ms: number; entries: number; next: string | null }> => {
      const t0 = performance.now();
      const res = await app.request(`/api/workspaces/${workspaceId}/activity?limit=${LIMIT}${query ? `&${query}` : ''}`, {
        headers: { authorization: 'Bearer t' },
      });
      const body = (await res.json()) as { entries: unknown[]; nextCursor: string | null };
      if (res.status !== 200) throw new Error(`route answered ${res.status}`);
      return { ms: performance.now() - t0, entries: body.entries.length, next: body.nextCursor };
    };

    out(`# Activity (动态) bench — ${new Date().toISOString().slice(0, 10)}`);
    out();
    out(
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), shared with other work; load average at start ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ')}. Node ${process.version}.`,
    );
    out();
    out(
      `- The city demo's year (seed ${DEMO_SEED}, to 2026-12-20): ${bundle.projects.length} projects, ${stats.updatesApplied} stored project updates, stored with history in ${seedSeconds.toFixed(1)} s.`,
    );
    out(
      `- Indexer (SQLite, from nothing): ${stats.entriesStored} entries from ${stats.updatesApplied} updates of ${stats.documents} documents in ${indexSeconds.toFixed(1)} s (${Math.round(stats.updatesApplied / indexSeconds)} updates/s), yielding ${turns} times, longest stretch between two yields ${longestTurn.toFixed(1)} ms.`,
    );
    out(
      `- Index amplified to ${COPIES + 1}× the city (renamed projects, same people and times): **${total} entries** (${amplifySeconds.toFixed(1)} s to write).`,
    );
    out(
      `- Pages of ${LIMIT}; medians of ${PAGES} requests each. "Deep" = pages reached by following the cursor ${PAGES * 4} pages in (the last ${PAGES} timed).`,
    );
    out();
    out('## Through the route (SQLite)');
    out();
    out('| filter | entries on page 1 | first page median ms | p95 ms | deep page median ms |');
    out('| --- | ---: | ---: | ---: | ---: |');
    const all = await everything(index, workspaceId);
    for (const c of cases(all)) {
      const first: number[] = [];
      let entries = 0;
      for (let i = 0; i < PAGES; i++) {
        const r = await route(c.query);
        first.push(r.ms);
        entries = r.entries;
      }
      const deep: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < PAGES * 4; page++) {
        const r = await route(`${c.query}${cursor ? `${c.query ? '&' : ''}cursor=${cursor}` : ''}`);
        if (page >= PAGES * 3) deep.push(r.ms);
        if (!r.next) break;
        cursor = r.next;
      }
      out(`| ${c.name} | ${entries} | ${ms(median(first))} | ${ms(p95(first))} | ${deep.length ? ms(median(deep)) : '(fewer pages)'} |`);
    }
    out();
    out('## Index query alone');
    out();
    const backends: Array<[string, ActivityIndex, () => Promise<void>]> = [['SQLite', index, async () => {}]];
    if (WITH_PG) {
      const name = `guatu_bench_activity_${process.pid}`;
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
      const url = new URL(DATABASE_URL);
      url.pathname = `/${name}`;
      const pgIndex = await openPgActivityIndex({ pool: openPgPool({ connectionString: url.toString(), max: 4 }), ownsPool: true });
      t = performance.now();
      const byDoc = new Map<string, ActivityEntry[]>();
      for (const e of all) byDoc.set(`ws/${e.workspaceId}/project/${e.projectId}`, [...(byDoc.get(`ws/${e.workspaceId}/project/${e.projectId}`) ?? []), e]);
      for (const [doc, entries] of byDoc) await pgIndex.record(doc, entries, Math.max(...entries.map((e) => e.seq)));
      out(`PostgreSQL loaded with the same ${all.length} entries in ${((performance.now() - t) / 1000).toFixed(1)} s (then ANALYZE).`);
      out();
      const pool = new pg.Client({ connectionString: url.toString() });
      await pool.connect();
      await pool.query('ANALYZE activity_entries');
      await pool.end();
      backends.push([
        'PostgreSQL',
        pgIndex,
        async () => {
          await pgIndex.close();
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        },
      ]);
    }
    out(`| filter | ${backends.map(([n]) => `${n} first ms | ${n} deep ms`).join(' | ')} |`);
    out(`| --- | ${backends.map(() => '---: | ---:').join(' | ')} |`);
    for (const c of cases(all)) {
      const cells: string[] = [];
      for (const [, backend] of backends) {
        const r = await indexLatency(backend, workspaceId, c, PAGES * 4);
        cells.push(ms(r.first), Number.isNaN(r.deep) ? '—' : `${ms(r.deep)} (page ${r.deepPage})`);
      }
      out(`| ${c.name} | ${cells.join(' | ')} |`);
    }
    for (const [, , close] of backends) await close();
    out();
    out(
      `Load average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ')}.`,
    );
    await index.close();
    await store.close();
    await accounts.close();
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
