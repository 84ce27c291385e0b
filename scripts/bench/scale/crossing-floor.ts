/**
 * What crossing instances cannot go below on this machine, at the edit runs' pace: an update reaches a peer on another
 * instance only after a durable PostgreSQL commit (synchronous_commit=on, as the store's) and one Redis Streams hop
 * (XADD on one connection → the blocked XREAD of another). Measured here with nothing else of ours in the way: a
 * one-row INSERT committed on its own, and an XADD timed until the waiting reader has it, one of each per round.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

export interface CrossingFloor {
  /** Median ms of a durable one-row commit. */
  commitP50: number;
  /** Median ms from XADD to the blocked reader holding the entry. */
  hopP50: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function crossingFloor(databaseUrl: string, redisUrl: string, rounds: number, paceMs: number): Promise<CrossingFloor> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const writer = createClient({ url: redisUrl, RESP: 2 });
  const reader = writer.duplicate();
  await Promise.all([writer.connect(), reader.connect()]);
  const key = `guatu-bench:floor:${randomBytes(4).toString('hex')}`;
  const row = Buffer.alloc(60, 1); // about one small edit
  const commits: number[] = [];
  const hops: number[] = [];
  try {
    await db.query('CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, doc text NOT NULL, body bytea NOT NULL)');
    for (let round = 1; round <= rounds; round++) {
      await pause(paceMs);
      let started = performance.now();
      await db.query({ name: 'bench-floor', text: 'INSERT INTO bench_floor (doc, body) VALUES ($1, $2)', values: ['floor', row] });
      commits.push(performance.now() - started);

      const delivered = reader.sendCommand(['XREAD', 'BLOCK', '5000', 'STREAMS', key, `${round - 1}-0`]);
      await pause(paceMs); // the reader is blocked by now, as an instance's follower is
      started = performance.now();
      void writer.sendCommand(['XADD', key, `${round}-0`, 'u', row]);
      const reply = await delivered;
      if (reply === null) throw new Error('the floor reader timed out');
      hops.push(performance.now() - started);
    }
  } finally {
    await db.query('DROP TABLE IF EXISTS bench_floor').catch(() => undefined);
    await db.end();
    await writer.del(key).catch(() => undefined);
    await Promise.allSettled([writer.quit(), reader.quit()]);
  }
  return { commitP50: median(commits), hopP50: median(hops) };
}
