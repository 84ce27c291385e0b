/**
 * Storage benchmark: append throughput and load time of one document with 50,000 stored updates,
 * with and without a snapshot. Run: node --import tsx scripts/bench/storage.ts [updates] [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { DocumentStore } from '../../server/storage/document-store';
import { openSqliteStore } from '../../server/storage/sqlite-store';

const count = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 5);
const DOC = 'ws1/project/p1';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Edits like a busy project document: 30 fields overwritten by two cadres, and a growing notes text. */
function makeUpdates(n: number): Uint8Array[] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = 1;
  b.clientID = 2;
  const updates: Uint8Array[] = [];
  const relay = (to: Y.Doc) => (u: Uint8Array, origin: unknown) => {
    if (origin === 'peer') return;
    updates.push(u);
    Y.applyUpdate(to, u, 'peer');
  };
  a.on('update', relay(b));
  b.on('update', relay(a));
  for (let i = 0; updates.length < n; i++) {
    const doc = i % 2 ? a : b;
    if (i % 5 === 0) doc.getText('notes').insert(Math.min(i % 97, doc.getText('notes').length), '进度');
    else doc.getMap('project').set(`field${i % 30}`, i);
  }
  return updates.slice(0, n);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'guatu-bench-'));
try {
  const updates = makeUpdates(count);
  const bytes = updates.reduce((sum, u) => sum + u.length, 0);
  console.log(`${count} updates, ${(bytes / count).toFixed(0)} bytes each on average; median of ${runs} runs`);

  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    const rates: number[] = [];
    for (let run = 0; run < (synchronous === 'FULL' ? 1 : runs); run++) {
      const store = openSqliteStore({ path: join(dir, `append-${synchronous}-${run}.sqlite`), synchronous });
      const n = synchronous === 'FULL' ? Math.min(count, 5_000) : count;
      const ms = await time(async () => {
        for (let i = 0; i < n; i++) await store.append(DOC, updates[i]!, 'm1', 1_772_328_600_000 + i);
      });
      rates.push((n / ms) * 1000);
      await store.close();
    }
    console.log(`append, synchronous=${synchronous}: ${median(rates).toFixed(0)} updates/s`);
  }

  const path = join(dir, 'load.sqlite');
  const setup = openSqliteStore({ path });
  for (let i = 0; i < count; i++) await setup.append(DOC, updates[i]!, 'm1', 1_772_328_600_000 + i);
  await setup.close();

  const loadTimes = async (store: DocumentStore) => {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < runs; run++) times.push(await time(async () => (size = (await store.load(DOC))?.length ?? 0)));
    return { ms: median(times), size };
  };
  const store = openSqliteStore({ path });
  const plain = await loadTimes(store);
  console.log(`load, ${count} updates, no snapshot: ${plain.ms.toFixed(1)} ms (state ${(plain.size / 1024).toFixed(0)} KiB)`);

  const doc = new Y.Doc();
  const applyTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    applyTimes.push(
      await time(async () => {
        const fresh = new Y.Doc();
        const state = await store.load(DOC);
        if (state) Y.applyUpdate(fresh, state);
      }),
    );
  }
  console.log(`load + Y.applyUpdate into a fresh Y.Doc, no snapshot: ${median(applyTimes).toFixed(1)} ms`);

  const state = (await store.load(DOC))!;
  Y.applyUpdate(doc, state);
  await store.compact(DOC, Y.encodeStateAsUpdate(doc), count);
  const snap = await loadTimes(store);
  console.log(`load, snapshot at ${count}: ${snap.ms.toFixed(1)} ms (state ${(snap.size / 1024).toFixed(0)} KiB)`);

  for (let i = 0; i < 500; i++) await store.append(DOC, updates[i % updates.length]!, 'm1', 1);
  const mixed = await loadTimes(store);
  console.log(`load, snapshot + 500 updates after it: ${mixed.ms.toFixed(1)} ms`);
  const verifyMs = await time(() => store.verify(DOC));
  console.log(`verify, ${count + 500} records: ${verifyMs.toFixed(0)} ms`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
