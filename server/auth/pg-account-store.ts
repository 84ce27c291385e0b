/**
 * The account store on PostgreSQL (invites, tokens' revocations, workspaces' secrets), shared by every instance.
 * Same rules as sqlite-account-store.ts (tests/server/auth/account-store.contract.ts); the single use of an invite is
 * one UPDATE … WHERE used_at IS NULL, which PostgreSQL re-checks after a concurrent claim commits.
 */
import type pg from 'pg';
import { z } from 'zod';
import { err, ok } from '../../shared/result';
import { migratePg } from '../storage/pg-migrate';
import { inPgTransaction } from '../storage/pg-pool';
import { StoredInt, toInvite } from './invite-row';
import type { AccountStore, RevocationRecord, RevokeInviteOutcome } from './account-store';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE auth_workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     secret BYTEA NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE auth_invites (
     code_hash TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES auth_workspaces(id),
     member_id TEXT NOT NULL,
     role TEXT NOT NULL,
     profile TEXT,
     created_by TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL,
     used_at BIGINT,
     used_by TEXT
   );
   CREATE TABLE auth_revocations (
     id BIGSERIAL PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('member', 'token')),
     subject TEXT NOT NULL,
     at BIGINT NOT NULL,
     by TEXT NOT NULL
   );
   CREATE INDEX auth_revocations_subject ON auth_revocations (workspace_id, kind, subject);`,
  // The admin console lists and revokes invites: an id that says nothing about the code, and the revocation time.
  `ALTER TABLE auth_invites ADD COLUMN id TEXT;
   ALTER TABLE auth_invites ADD COLUMN revoked_at BIGINT;
   UPDATE auth_invites SET id = md5(random()::text || code_hash) WHERE id IS NULL;
   ALTER TABLE auth_invites ALTER COLUMN id SET NOT NULL;
   CREATE UNIQUE INDEX auth_invites_id ON auth_invites (id);
   CREATE INDEX auth_invites_workspace ON auth_invites (workspace_id, created_at);`,
];

/** The advisory lock serialising revocation inserts (see addRevocation). */
const REVOCATION_LOCK_KEY = 0x6775_7276;

const WorkspaceRowSchema = z.object({ id: z.string(), name: z.string(), secret: z.instanceof(Uint8Array), created_at: StoredInt });
const RevocationRowSchema = z.object({
  id: StoredInt,
  workspace_id: z.string(),
  kind: z.enum(['member', 'token']),
  subject: z.string(),
  at: StoredInt,
  by: z.string(),
});

function toRevocations(rows: unknown[]): Array<RevocationRecord & { cursor: number }> {
  return rows.flatMap((row) => {
    const parsed = RevocationRowSchema.safeParse(row);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [{ workspaceId: r.workspace_id, kind: r.kind, subject: r.subject, at: r.at, by: r.by, cursor: r.id }];
  });
}

export class PgAccountStoreOpenError extends Error {
  override readonly name = 'PgAccountStoreOpenError';
}

/** Opens the account store on `pool` (migrating it); closing ends the pool only when `ownsPool`. */
export async function openPgAccountStore(pool: pg.Pool, options: { ownsPool?: boolean } = {}): Promise<AccountStore> {
  const migrated = await migratePg(pool, 'accounts', MIGRATIONS);
  if (!migrated.ok) throw new PgAccountStoreOpenError(migrated.reason);
  let closed = false;
  const query = (text: string, values: unknown[] = []) => {
    if (closed) return Promise.reject(new Error('the account store is closed'));
    return pool.query(text, values);
  };

  return {
    async createWorkspace(w) {
      await query('INSERT INTO auth_workspaces (id, name, secret, created_at) VALUES ($1, $2, $3, $4)', [w.id, w.name, Buffer.from(w.secret), w.createdAt]);
    },
    async getWorkspace(id) {
      const parsed = WorkspaceRowSchema.safeParse((await query('SELECT id, name, secret, created_at FROM auth_workspaces WHERE id = $1', [id])).rows[0]);
      if (!parsed.success) return null;
      const r = parsed.data;
      return { id: r.id, name: r.name, secret: new Uint8Array(r.secret), createdAt: r.created_at };
    },
    async addInvite(i) {
      await query(
        `INSERT INTO auth_invites (code_hash, workspace_id, member_id, role, profile, created_by, created_at, expires_at, used_at, used_by, id, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          i.codeHash,
          i.workspaceId,
          i.memberId,
          i.role,
          i.profile ? JSON.stringify(i.profile) : null,
          i.createdBy,
          i.createdAt,
          i.expiresAt,
          i.usedAt,
          i.usedBy,
          i.id,
          i.revokedAt,
        ],
      );
    },
    async getInvite(codeHash) {
      return toInvite((await query('SELECT * FROM auth_invites WHERE code_hash = $1', [codeHash])).rows[0]);
    },
    async redeemInvite(codeHash, at, tokenId) {
      const claimed = await query(
        'UPDATE auth_invites SET used_at = $1, used_by = $2 WHERE code_hash = $3 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 RETURNING *',
        [at, tokenId, codeHash],
      );
      if (claimed.rows.length === 1) {
        const invite = toInvite(claimed.rows[0]);
        return invite ? ok({ invite }) : err({ reason: 'unknown' });
      }
      const invite = toInvite((await query('SELECT * FROM auth_invites WHERE code_hash = $1', [codeHash])).rows[0]);
      if (!invite) return err({ reason: 'unknown' });
      return err({ reason: invite.usedAt !== null ? 'used' : invite.revokedAt !== null ? 'revoked' : 'expired', invite });
    },
    async openInvites(workspaceId, at) {
      const rows = (
        await query(
          'SELECT * FROM auth_invites WHERE workspace_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC',
          [workspaceId, at],
        )
      ).rows;
      return rows.flatMap((row) => toInvite(row) ?? []);
    },
    async revokeInvite(workspaceId, id, at): Promise<RevokeInviteOutcome> {
      // one statement: a concurrent redeem and revoke of the same invite cannot both win (the row is re-checked)
      const revoked = await query(
        'UPDATE auth_invites SET revoked_at = $1 WHERE id = $2 AND workspace_id = $3 AND used_at IS NULL AND revoked_at IS NULL RETURNING *',
        [at, id, workspaceId],
      );
      const claimed = revoked.rows.length === 1 ? toInvite(revoked.rows[0]) : null;
      if (claimed) return ok({ invite: claimed });
      const invite = toInvite((await query('SELECT * FROM auth_invites WHERE id = $1 AND workspace_id = $2', [id, workspaceId])).rows[0]);
      if (!invite) return err({ reason: 'unknown' });
      return err({ reason: invite.usedAt !== null ? 'used' : 'revoked' });
    },
    async addRevocation(r) {
      if (closed) throw new Error('the account store is closed');
      // Watchers read "ids after my cursor": were two inserts to commit out of id order, a watcher could pass the
      // lower id before it is visible and never see it. Under this lock ids are taken and committed one at a time.
      await inPgTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [REVOCATION_LOCK_KEY]);
        await client.query('INSERT INTO auth_revocations (workspace_id, kind, subject, at, by) VALUES ($1, $2, $3, $4, $5)', [
          r.workspaceId,
          r.kind,
          r.subject,
          r.at,
          r.by,
        ]);
      });
    },
    async memberRevokedAt(workspaceId, memberId) {
      const row = (
        await query("SELECT MAX(at) AS at FROM auth_revocations WHERE workspace_id = $1 AND kind = 'member' AND subject = $2", [workspaceId, memberId])
      ).rows[0];
      const parsed = z.object({ at: StoredInt.nullable() }).safeParse(row);
      return parsed.success ? parsed.data.at : null;
    },
    async isTokenRevoked(workspaceId, tokenId) {
      const result = await query("SELECT 1 FROM auth_revocations WHERE workspace_id = $1 AND kind = 'token' AND subject = $2 LIMIT 1", [workspaceId, tokenId]);
      return result.rows.length > 0;
    },
    async revocations(workspaceId) {
      return toRevocations((await query('SELECT * FROM auth_revocations WHERE workspace_id = $1 ORDER BY at, id', [workspaceId])).rows).map(
        ({ cursor: _cursor, ...revocation }) => revocation,
      );
    },
    async revocationsAfter(cursor, limit) {
      return toRevocations((await query('SELECT * FROM auth_revocations WHERE id > $1 ORDER BY id LIMIT $2', [cursor, limit])).rows);
    },
    async latestRevocationCursor() {
      const parsed = z.object({ cursor: StoredInt }).safeParse((await query('SELECT COALESCE(MAX(id), 0) AS cursor FROM auth_revocations')).rows[0]);
      return parsed.success ? parsed.data.cursor : 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (options.ownsPool) await pool.end();
    },
  };
}
