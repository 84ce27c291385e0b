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
      id: 'i1',
      workspaceId: 'w1',
      memberId: 'm1',
      role: 'admin',
      profile: null,
      createdBy: 'server',
      createdAt: 1,
      expiresAt: 100,
      usedAt: null,
      usedBy: null,
      revokedAt: null,
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
    // four tables, the revocations' index, and the invites' id and workspace indexes (listing and revoking)
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'auth_%'").get()).toEqual({ n: 7 });
    db.close();
  });

  it('gives invites stored before the admin console an id it can revoke them by', async () => {
    const db = new Database(':memory:');
    openSqliteAccountStore(db);
    // back to the first schema, as a server of before the console left it, with one open invite
    db.exec(
      'DROP INDEX auth_invites_id; DROP INDEX auth_invites_workspace; ALTER TABLE auth_invites DROP COLUMN id; ALTER TABLE auth_invites DROP COLUMN revoked_at;',
    );
    db.exec('DELETE FROM auth_schema_version WHERE version > 1');
    db.prepare("INSERT INTO auth_workspaces (id, name, secret, created_at) VALUES ('w1', '临江市', x'00', 1)").run();
    db.prepare(
      "INSERT INTO auth_invites (code_hash, workspace_id, member_id, role, profile, created_by, created_at, expires_at) VALUES ('h1', 'w1', 'm1', 'member', NULL, 'server', 1, 100)",
    ).run();
    const store = openSqliteAccountStore(db);
    const [open] = await store.openInvites('w1', 2);
    expect(open?.id).toMatch(/^[0-9a-f]{16}$/);
    expect((await store.revokeInvite('w1', open?.id ?? '', 3)).ok).toBe(true);
    expect(await store.redeemInvite('h1', 4, 't')).toMatchObject({ ok: false, reason: 'revoked' });
    db.close();
  });
});
