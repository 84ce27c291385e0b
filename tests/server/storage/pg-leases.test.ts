import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pgLeases } from '../../../server/storage/pg-leases';
import { openPgPool } from '../../../server/storage/pg-pool';
import { FencedWriteError, openPgStore } from '../../../server/storage/pg-store';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from './pg-database';
import { recordEdits } from './project-edits';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'PostgreSQL leases');

describe.runIf(!postgres.reachable && !skip)('PostgreSQL leases (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

const SUMMARY = 'ws/w1/summary';
const PROJECT = 'ws/w1/project/p1';
const LEASE = 'summary:w1';

describe.skipIf(!postgres.reachable)('PostgreSQL leases: one summary writer per workspace, fenced', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeEach(async () => {
    database = await createTestDatabase('leases');
    pool = openPgPool({ connectionString: database.url, max: 4 });
  });
  afterEach(async () => {
    await pool.end();
    await database.drop();
  });

  it('one holder at a time; renewing keeps the token; an expired lease is taken over with the next token', async () => {
    await openPgStore({ pool });
    const leases = pgLeases(pool);
    expect(await leases.acquire(LEASE, 'A', 60_000)).toBe(1);
    expect(await leases.acquire(LEASE, 'B', 60_000)).toBeNull();
    expect(await leases.acquire(LEASE, 'A', 60_000)).toBe(1);
    expect(await leases.acquire('summary:w2', 'B', 60_000)).toBe(1);
    // A stops renewing (dies, or pauses); a short lease runs out
    expect(await leases.acquire(LEASE, 'A', 1)).toBe(1);
    await vi.waitFor(async () => expect(await leases.acquire(LEASE, 'B', 60_000)).toBe(2));
    expect(await leases.acquire(LEASE, 'A', 60_000)).toBeNull();
    await leases.release(LEASE, 'B');
    expect(await leases.acquire(LEASE, 'A', 60_000)).toBe(3);
  });

  it('a write made under a lease that moved on is refused with its whole batch; the new holder’s goes in', async () => {
    const store = await openPgStore({ pool });
    const leases = pgLeases(pool);
    const old = await leases.acquire(LEASE, 'A', 1);
    await vi.waitFor(async () => expect(await leases.acquire(LEASE, 'B', 60_000)).toBe(2));
    const server = recordEdits(7);
    const member = recordEdits(8);
    const row = server.edit((p) => p.set('row', 'A wrote this after losing the lease'));
    const edit = member.edit((p) => p.set('stage', 'started'));
    await expect(
      store.appendMany([
        { docName: PROJECT, update: edit, author: 'm1', at: 1 },
        { docName: SUMMARY, update: row, author: 'server', at: 2, fence: { lease: LEASE, token: old ?? 1 } },
      ]),
    ).rejects.toBeInstanceOf(FencedWriteError);
    expect(await store.listDocuments()).toEqual([]);
    expect(await store.append(PROJECT, edit, 'm1', 1)).toMatchObject({ seq: 1 });
    const fresh = server.edit((p) => p.set('row', 'B derived it'));
    expect((await store.appendMany([{ docName: SUMMARY, update: fresh, author: 'server', at: 3, fence: { lease: LEASE, token: 2 } }]))[0]?.seq).toBe(1);
    // the derived mark follows the same rule
    expect(await leases.setMark(PROJECT, 1, { lease: LEASE, token: 1 })).toBe(false);
    expect(await leases.setMark(PROJECT, 1, { lease: LEASE, token: 2 })).toBe(true);
    expect(await leases.marks([PROJECT, 'ws/w1/project/p2'])).toEqual(new Map([[PROJECT, 1]]));
  });
});
