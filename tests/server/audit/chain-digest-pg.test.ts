/**
 * The signed digest on PostgreSQL (#13 anchored): whoever can write the database can recompute every hash, so only a
 * digest signed earlier shows a tampered, truncated or reordered history. The same checks as chain-digest.test.ts
 * (SQLite), through the CLI on DATABASE_URL, with the tampering done in SQL.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../../server/storage/hash-chain';
import { openPgPool } from '../../../server/storage/pg-pool';
import { openPgStore } from '../../../server/storage/pg-store';
import { testConfig } from '../app/fixtures';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from '../storage/pg-database';
import { makeTempDir } from '../storage/temp-dir';
import { runCliInMemory } from '../cli/in-memory-cli';
import { appendProgress } from './digest-fixtures';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'signed digests on PostgreSQL');

describe.runIf(!postgres.reachable && !skip)('signed digests on PostgreSQL (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

const T0 = Date.UTC(2026, 10, 30, 4, 0);
const DOC_A = 'ws/w1/project/p-a';
const DOC_B = 'ws/w1/project/p-b';

describe.skipIf(!postgres.reachable)('signed digests on PostgreSQL (#13 anchored)', () => {
  let database: TestDatabase;
  let temp: ReturnType<typeof makeTempDir>;
  let files: Map<string, string>;
  let now = T0;

  async function append(doc: string, count: number, author: string): Promise<void> {
    const store = await openPgStore({ pool: openPgPool({ connectionString: database.url, max: 2 }), ownsPool: true });
    try {
      await appendProgress(store, doc, count, author, () => (now += 60_000));
    } finally {
      await store.close();
    }
  }

  const cli = (...argv: string[]) => runCliInMemory(testConfig(temp.dir, { databaseUrl: database.url }), () => now, files, argv);

  async function tamper(sql: (client: pg.Client) => Promise<void>): Promise<void> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await sql(client);
    } finally {
      await client.end();
    }
  }

  /** What someone with write access to the database does to cover their tracks: recompute every hash and the head. */
  async function rehash(client: pg.Client, doc: string): Promise<void> {
    const rows = await client.query<{ seq: string; author: string; at: string; update: Buffer }>(
      'SELECT seq, author, at, "update" FROM updates WHERE doc = $1 ORDER BY seq',
      [doc],
    );
    let prevHash = GENESIS_HASH;
    for (const row of rows.rows) {
      const seq = Number(row.seq);
      prevHash = chainHash({ prevHash, docName: doc, seq, author: row.author, at: Number(row.at), update: new Uint8Array(row.update) });
      await client.query('UPDATE updates SET hash = $1 WHERE doc = $2 AND seq = $3', [prevHash, doc, seq]);
    }
    await client.query('UPDATE documents SET last_seq = $1, last_hash = $2 WHERE doc = $3', [Number(rows.rows.at(-1)?.seq ?? 0), prevHash, doc]);
  }

  beforeEach(async () => {
    database = await createTestDatabase('digest');
    temp = makeTempDir('digest-pg');
    files = new Map();
    now = T0;
    await append(DOC_A, 5, 'm-li');
    await append(DOC_B, 3, 'm-wang');
    expect((await cli('digest', 'signed.json')).code).toBe(0);
  });
  afterEach(async () => {
    temp.remove();
    await database.drop();
  });

  it('proves a later, longer history extends the signed one', async () => {
    await append(DOC_A, 2, 'm-zhao');
    const verified = await cli('verify', '--digest', 'signed.json');
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('2 个文档、8 条已签署的更新原样保留，此后新增 2 条更新');
  });

  it('detects a tampered update even when every hash was recomputed to cover it', async () => {
    await tamper(async (client) => {
      await client.query("UPDATE updates SET author = 'm-admin' WHERE doc = $1 AND seq = 2", [DOC_B]);
      await rehash(client, DOC_B);
    });
    expect((await cli('verify')).code).toBe(0); // the chain alone no longer shows it
    const verified = await cli('verify', '--digest', 'signed.json');
    expect(verified.code).toBe(3);
    expect(verified.err).toContain(`文档 ${DOC_B} 第 3 条更新与签署时不同`);
  });

  it('detects a truncated history, head row and all', async () => {
    await tamper(async (client) => {
      await client.query('DELETE FROM updates WHERE doc = $1 AND seq > 3', [DOC_A]);
      await client.query('DELETE FROM snapshots WHERE doc = $1', [DOC_A]);
      await rehash(client, DOC_A);
    });
    expect((await cli('verify')).code).toBe(0);
    const verified = await cli('verify', '--digest', 'signed.json', '--lang', 'en');
    expect(verified.code).toBe(3);
    expect(verified.err).toContain(`document ${DOC_A} was truncated: update 5 was signed, only 3 remain`);
  });

  it('detects a reordered history, rehashed or not', async () => {
    await tamper(async (client) => {
      const rows = await client.query<{ seq: string; author: string; at: string; update: Buffer }>(
        'SELECT seq, author, at, "update" FROM updates WHERE doc = $1 AND seq IN (2, 3) ORDER BY seq',
        [DOC_A],
      );
      const [two, three] = rows.rows;
      if (!two || !three) throw new Error('missing rows');
      const put = 'UPDATE updates SET author = $1, at = $2, "update" = $3 WHERE doc = $4 AND seq = $5';
      await client.query(put, [three.author, three.at, three.update, DOC_A, 2]);
      await client.query(put, [two.author, two.at, two.update, DOC_A, 3]);
    });
    const plain = await cli('verify', '--digest', 'signed.json');
    expect(plain.code).toBe(3);
    expect(plain.err).toContain(`文档 ${DOC_A} 第 2 条更新处审计链断裂`);

    await tamper((client) => rehash(client, DOC_A));
    const covered = await cli('verify', '--digest', 'signed.json');
    expect(covered.code).toBe(3);
    expect(covered.err).toContain(`文档 ${DOC_A} 第 5 条更新与签署时不同`);
  });
});
