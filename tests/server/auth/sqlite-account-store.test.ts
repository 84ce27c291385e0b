import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteAccountStore } from '../../../server/auth/sqlite-account-store';
import { accountStoreContract } from './account-store.contract';

accountStoreContract('SQLite', async () => openSqliteAccountStore(':memory:'));

describe('SQLite account store on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guatu-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps workspaces and spent invites across a restart, migrating only once', async () => {
    const file = join(dir, 'guatu.db');
    const first = openSqliteAccountStore(file);
    await first.createWorkspace({ id: 'w1', name: '临江市', secret: new Uint8Array(32).fill(7), createdAt: 1 });
    await first.addInvite({
      codeHash: 'h1',
      workspaceId: 'w1',
      memberId: 'm1',
      role: 'admin',
      profile: null,
      createdBy: 'server',
      createdAt: 1,
      expiresAt: 100,
      usedAt: null,
      usedBy: null,
    });
    expect((await first.redeemInvite('h1', 2, 'tok1')).ok).toBe(true);
    await first.close();

    const second = openSqliteAccountStore(file);
    expect((await second.getWorkspace('w1'))?.secret).toEqual(new Uint8Array(32).fill(7));
    expect(await second.redeemInvite('h1', 3, 'tok2')).toMatchObject({ ok: false, reason: 'used' });
    await second.close();
  });

  it('shares a database another store opened and leaves it open on close', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE documents (name TEXT)');
    const store = openSqliteAccountStore(db);
    await store.createWorkspace({ id: 'w1', name: '临江市', secret: new Uint8Array(32), createdAt: 1 });
    await store.close();
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'auth_%'").get()).toEqual({ n: 5 });
    db.close();
  });
});
