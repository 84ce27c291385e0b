import Database from 'better-sqlite3';
import { z } from 'zod';
import type { AccountStore, InviteRecord, RedeemOutcome, RevocationRecord, RevokeInviteOutcome, WorkspaceRecord } from './account-store';
import { err, ok } from '../../shared/result';
import { toInvite } from './invite-row';

/** Migrations, in order; each runs once. Own tables (auth_*) so the file can be shared with the document store. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE auth_workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     secret BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE auth_invites (
     code_hash TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES auth_workspaces(id),
     member_id TEXT NOT NULL,
     role TEXT NOT NULL,
     profile TEXT,
     created_by TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER,
     used_by TEXT
   );
   CREATE TABLE auth_revocations (
     workspace_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('member', 'token')),
     subject TEXT NOT NULL,
     at INTEGER NOT NULL,
     by TEXT NOT NULL
   );
   CREATE INDEX auth_revocations_subject ON auth_revocations (workspace_id, kind, subject);`,
  // The admin console lists and revokes invites: an id that says nothing about the code, and the revocation time.
  `ALTER TABLE auth_invites ADD COLUMN id TEXT;
   ALTER TABLE auth_invites ADD COLUMN revoked_at INTEGER;
   UPDATE auth_invites SET id = lower(hex(randomblob(8))) WHERE id IS NULL;
   CREATE UNIQUE INDEX auth_invites_id ON auth_invites (id);
   CREATE INDEX auth_invites_workspace ON auth_invites (workspace_id, created_at);`,
];

const WorkspaceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  secret: z.instanceof(Uint8Array),
  created_at: z.number(),
});

const RevocationRowSchema = z.object({
  workspace_id: z.string(),
  kind: z.enum(['member', 'token']),
  subject: z.string(),
  at: z.number(),
  by: z.string(),
});

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS auth_schema_version (version INTEGER NOT NULL)');
  const row = z.object({ version: z.number() }).safeParse(db.prepare('SELECT MAX(version) AS version FROM auth_schema_version').get());
  const current = row.success ? row.data.version : 0;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i] ?? '');
      db.prepare('INSERT INTO auth_schema_version (version) VALUES (?)').run(i + 1);
    })();
  }
}

/**
 * The account store in SQLite: a file path (":memory:" for tests) or a database the document store already opened.
 * Closing closes the database only when this store opened it.
 */
export function openSqliteAccountStore(target: string | Database.Database): AccountStore {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target) : target;
  if (owned) db.pragma('journal_mode = WAL');
  migrate(db);

  const insertWorkspace = db.prepare('INSERT INTO auth_workspaces (id, name, secret, created_at) VALUES (?, ?, ?, ?)');
  const selectWorkspace = db.prepare('SELECT id, name, secret, created_at FROM auth_workspaces WHERE id = ?');
  const insertInvite = db.prepare(
    `INSERT INTO auth_invites (code_hash, id, workspace_id, member_id, role, profile, created_by, created_at, expires_at, used_at, used_by, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectInvite = db.prepare('SELECT * FROM auth_invites WHERE code_hash = ?');
  // The WHERE clause is the single-use guarantee: only one UPDATE can see used_at IS NULL.
  const claimInvite = db.prepare(
    'UPDATE auth_invites SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?',
  );
  const selectOpenInvites = db.prepare(
    'SELECT * FROM auth_invites WHERE workspace_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC',
  );
  const selectInviteById = db.prepare('SELECT * FROM auth_invites WHERE id = ? AND workspace_id = ?');
  // Like the claim, the WHERE clause decides a race with a redeem: only one of the two UPDATEs changes the row.
  const markRevoked = db.prepare('UPDATE auth_invites SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND used_at IS NULL AND revoked_at IS NULL');
  const insertRevocation = db.prepare('INSERT INTO auth_revocations (workspace_id, kind, subject, at, by) VALUES (?, ?, ?, ?, ?)');
  const selectMemberRevokedAt = db.prepare("SELECT MAX(at) AS at FROM auth_revocations WHERE workspace_id = ? AND kind = 'member' AND subject = ?");
  const selectTokenRevoked = db.prepare("SELECT 1 AS hit FROM auth_revocations WHERE workspace_id = ? AND kind = 'token' AND subject = ? LIMIT 1");
  const selectRevocations = db.prepare('SELECT * FROM auth_revocations WHERE workspace_id = ? ORDER BY at, rowid');
  const selectRevocationsAfter = db.prepare('SELECT rowid AS cursor, * FROM auth_revocations WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const selectLatestRevocation = db.prepare('SELECT COALESCE(MAX(rowid), 0) AS cursor FROM auth_revocations');

  const redeem = db.transaction((codeHash: string, at: number, tokenId: string): RedeemOutcome => {
    if (claimInvite.run(at, tokenId, codeHash, at).changes === 1) {
      const invite = toInvite(selectInvite.get(codeHash));
      return invite ? ok({ invite }) : err({ reason: 'unknown' });
    }
    const invite = toInvite(selectInvite.get(codeHash));
    if (!invite) return err({ reason: 'unknown' });
    return err({ reason: invite.usedAt !== null ? 'used' : invite.revokedAt !== null ? 'revoked' : 'expired', invite });
  });

  const revoke = db.transaction((workspaceId: string, id: string, at: number): RevokeInviteOutcome => {
    const changed = markRevoked.run(at, id, workspaceId).changes === 1;
    const invite = toInvite(selectInviteById.get(id, workspaceId));
    if (!invite) return err({ reason: 'unknown' });
    if (changed) return ok({ invite });
    return err({ reason: invite.usedAt !== null ? 'used' : 'revoked' });
  });

  return {
    async createWorkspace(w: WorkspaceRecord) {
      insertWorkspace.run(w.id, w.name, Buffer.from(w.secret), w.createdAt);
    },
    async getWorkspace(id: string) {
      const parsed = WorkspaceRowSchema.safeParse(selectWorkspace.get(id));
      if (!parsed.success) return null;
      const r = parsed.data;
      return { id: r.id, name: r.name, secret: new Uint8Array(r.secret), createdAt: r.created_at };
    },
    async addInvite(i: InviteRecord) {
      insertInvite.run(
        i.codeHash,
        i.id,
        i.workspaceId,
        i.memberId,
        i.role,
        i.profile ? JSON.stringify(i.profile) : null,
        i.createdBy,
        i.createdAt,
        i.expiresAt,
        i.usedAt,
        i.usedBy,
        i.revokedAt,
      );
    },
    async getInvite(codeHash: string) {
      return toInvite(selectInvite.get(codeHash));
    },
    async redeemInvite(codeHash: string, at: number, tokenId: string) {
      return redeem(codeHash, at, tokenId);
    },
    async openInvites(workspaceId: string, at: number) {
      return selectOpenInvites.all(workspaceId, at).flatMap((row) => toInvite(row) ?? []);
    },
    async revokeInvite(workspaceId: string, id: string, at: number) {
      return revoke(workspaceId, id, at);
    },
    async addRevocation(r: RevocationRecord) {
      insertRevocation.run(r.workspaceId, r.kind, r.subject, r.at, r.by);
    },
    async memberRevokedAt(workspaceId: string, memberId: string) {
      const parsed = z.object({ at: z.number().nullable() }).safeParse(selectMemberRevokedAt.get(workspaceId, memberId));
      return parsed.success ? parsed.data.at : null;
    },
    async isTokenRevoked(workspaceId: string, tokenId: string) {
      return selectTokenRevoked.get(workspaceId, tokenId) !== undefined;
    },
    async revocations(workspaceId: string) {
      return selectRevocations.all(workspaceId).flatMap((row): RevocationRecord[] => {
        const parsed = RevocationRowSchema.safeParse(row);
        if (!parsed.success) return [];
        const r = parsed.data;
        return [{ workspaceId: r.workspace_id, kind: r.kind, subject: r.subject, at: r.at, by: r.by }];
      });
    },
    async revocationsAfter(cursor: number, limit: number) {
      return selectRevocationsAfter.all(cursor, limit).flatMap((row): Array<RevocationRecord & { cursor: number }> => {
        const parsed = RevocationRowSchema.extend({ cursor: z.number().int() }).safeParse(row);
        if (!parsed.success) return [];
        const r = parsed.data;
        return [{ workspaceId: r.workspace_id, kind: r.kind, subject: r.subject, at: r.at, by: r.by, cursor: r.cursor }];
      });
    },
    async latestRevocationCursor() {
      const parsed = z.object({ cursor: z.number().int() }).safeParse(selectLatestRevocation.get());
      return parsed.success ? parsed.data.cursor : 0;
    },
    async close() {
      if (owned) db.close();
    },
  };
}
