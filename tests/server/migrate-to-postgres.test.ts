/**
 * `scripts/migrate-to-postgres.ts`: a county's SQLite file (the demo, an edit, a revocation) moves into PostgreSQL
 * with every chain intact — verify passes before and after with the same heads — and a server on PostgreSQL then
 * serves it: the printed invites still work, the revocation still holds, the CLI verifies it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/run-cli';
import { migrateSqliteToPostgres } from '../../server/migrate-to-postgres';
import { openSqliteStore } from '../../server/storage/sqlite-store';
import { joinDemo, joinWith, startApp, type Running } from './app/fixtures';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from './storage/pg-database';
import { makeTempDir } from './storage/temp-dir';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'SQLite → PostgreSQL migration');

describe.runIf(!postgres.reachable && !skip)('SQLite → PostgreSQL migration (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

async function cli(argv: string[], config: Parameters<typeof runCli>[1]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(argv, config, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    readFile: async () => '',
    writeFile: async () => undefined,
  });
  return { code, out: out.join('\n') };
}

describe.skipIf(!postgres.reachable)('SQLite → PostgreSQL migration', () => {
  let database: TestDatabase;
  let temp: ReturnType<typeof makeTempDir>;
  const running: Running[] = [];
  beforeEach(async () => {
    database = await createTestDatabase('migrate');
    temp = makeTempDir('migrate');
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.app.close();
    await database.drop();
    temp.remove();
  });

  it('copies documents, history, invites and revocations with the same chain heads; a PostgreSQL server then serves them', async () => {
    const sqliteDir = join(temp.dir, 'sqlite');
    const onSqlite = await startApp(sqliteDir, { demo: true });
    running.push(onSqlite);
    const startup = onSqlite.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected the demo');
    const revoked = await joinDemo(onSqlite, 'member');
    await onSqlite.app.auth.revokeMember(revoked.workspaceId, revoked.memberId, 'test');
    await onSqlite.app.close();
    running.pop();

    const file = join(sqliteDir, 'guatu.sqlite');
    const source = openSqliteStore({ path: file });
    const before = await source.verify();
    const names = await source.listDocuments();
    const heads = await Promise.all(names.map(async (name) => (await source.history(name)).at(-1)?.hash));
    await source.close();
    expect(before.ok).toBe(true);

    const outcome = await migrateSqliteToPostgres(file, database.url);
    expect(outcome).toMatchObject({ ok: true, report: { documents: names.length, updates: before.updates, workspaces: 1, revocations: 1 } });
    // a second run refuses: the target is no longer empty
    expect(await migrateSqliteToPostgres(file, database.url)).toMatchObject({ ok: false, reason: expect.stringContaining('already holds data') });

    const onPg = await startApp(join(temp.dir, 'pg'), { databaseUrl: database.url, demo: true });
    running.push(onPg);
    expect(onPg.app.startup).toMatchObject({ kind: 'existing', workspaces: [{ id: startup.workspaceId }] });
    expect(await onPg.app.store.verify()).toEqual(before);
    expect(await Promise.all(names.map(async (name) => (await onPg.app.store.history(name)).at(-1)?.hash))).toEqual(heads);
    // an invite printed by the SQLite server, not yet used, is redeemed on the PostgreSQL one; the revoked token stays refused
    const leader = startup.invites.find((i) => i.role === 'leader');
    expect((await joinWith(onPg.url, leader!.code)).role).toBe('leader');
    expect(await onPg.app.auth.tokens.verify(revoked.token)).toMatchObject({ ok: false, failure: 'revoked' });
    // the CLI works against PostgreSQL too
    const verified = await cli(['verify'], onPg.app.config);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(String(before.updates));
  }, 120_000);
});
