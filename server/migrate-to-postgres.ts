/**
 * Copies a SQLite data file (documents with their whole attributed history, and accounts: workspaces, invites,
 * revocations) into an empty PostgreSQL database, with the hash chains intact: every record is appended again with
 * its own author and time, so it gets the same seq and the same hash, and each one is compared with the source's.
 * The source is verified before and the target after; the chain heads must be equal. Used by
 * scripts/migrate-to-postgres.ts (docs/scale-out.md).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { AccountStore } from './auth/account-store';
import { openPgAccountStore } from './auth/pg-account-store';
import { IdSchema, NameSchema } from '../shared/schema/common';
import { RankSchema, RoleSchema } from '../shared/schema/member';
import type { DocumentStore } from './storage/document-store';
import { openPgPool } from './storage/pg-pool';
import { openPgStore } from './storage/pg-store';
import { openSqliteStore } from './storage/sqlite-store';
import { err, ok, type Result } from '../shared/result';

export interface MigrationReport {
  documents: number;
  updates: number;
  workspaces: number;
  invites: number;
  revocations: number;
}

export type MigrationOutcome = Result<{ report: MigrationReport }, { reason: string }>;

/** Records copied per transaction. */
const PAGE = 1_000;

const WorkspaceRow = z.object({ id: z.string(), name: z.string(), secret: z.instanceof(Uint8Array), created_at: z.number() });
const InviteRow = z.object({
  code_hash: z.string(),
  // absent in a file written before invites could be listed and revoked (the server adds it on its next start)
  id: z.string().nullish(),
  workspace_id: z.string(),
  member_id: z.string(),
  role: RoleSchema,
  profile: z.string().nullable(),
  created_by: z.string(),
  created_at: z.number(),
  expires_at: z.number(),
  used_at: z.number().nullable(),
  used_by: z.string().nullable(),
  revoked_at: z.number().nullish(),
});
const ProfileSchema = z.object({ name: NameSchema, rank: RankSchema, unitId: z.nullable(IdSchema) });
const RevocationRow = z.object({ workspace_id: z.string(), kind: z.enum(['member', 'token']), subject: z.string(), at: z.number(), by: z.string() });

async function copyDocument(source: DocumentStore, target: DocumentStore, docName: string): Promise<number> {
  let from = 1;
  let copied = 0;
  for (;;) {
    const page = await source.history(docName, from, PAGE);
    if (page.length === 0) break;
    const results = await target.appendMany(page.map(({ update, author, at }) => ({ docName, update, author, at })));
    for (const [i, record] of page.entries()) {
      const result = results[i];
      if (!result || result.seq !== record.seq || result.hash !== record.hash) {
        throw new Error(`${docName} record ${record.seq}: the copy's hash differs from the source's (is the target empty?)`);
      }
    }
    copied += page.length;
    from = (page.at(-1)?.seq ?? from) + 1;
    if (page.length < PAGE) break;
  }
  // a snapshot of the whole state keeps loading fast; the history stays complete
  if (copied > 0 && (await source.pendingSinceSnapshot(docName)) < copied) {
    const state = await source.load(docName);
    if (state) await target.compact(docName, state, copied);
  }
  return copied;
}

function copyAccountsRows(file: string): { workspaces: unknown[]; invites: unknown[]; revocations: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasAuth = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'auth_workspaces'").get() as { n: number };
    if (hasAuth.n === 0) return { workspaces: [], invites: [], revocations: [] };
    return {
      workspaces: db.prepare('SELECT * FROM auth_workspaces ORDER BY created_at, id').all(),
      invites: db.prepare('SELECT * FROM auth_invites ORDER BY created_at, code_hash').all(),
      revocations: db.prepare('SELECT * FROM auth_revocations ORDER BY rowid').all(),
    };
  } finally {
    db.close();
  }
}

async function copyAccounts(file: string, accounts: AccountStore): Promise<Pick<MigrationReport, 'workspaces' | 'invites' | 'revocations'>> {
  const rows = copyAccountsRows(file);
  for (const row of rows.workspaces) {
    const w = WorkspaceRow.parse(row);
    await accounts.createWorkspace({ id: w.id, name: w.name, secret: new Uint8Array(w.secret), createdAt: w.created_at });
  }
  for (const row of rows.invites) {
    const i = InviteRow.parse(row);
    const profile = i.profile === null ? null : ProfileSchema.parse(JSON.parse(i.profile));
    await accounts.addInvite({
      codeHash: i.code_hash,
      id: i.id ?? randomBytes(8).toString('hex'),
      workspaceId: i.workspace_id,
      memberId: i.member_id,
      role: i.role,
      profile,
      createdBy: i.created_by,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
      usedAt: i.used_at,
      usedBy: i.used_by,
      revokedAt: i.revoked_at ?? null,
    });
  }
  for (const row of rows.revocations) {
    const r = RevocationRow.parse(row);
    await accounts.addRevocation({ workspaceId: r.workspace_id, kind: r.kind, subject: r.subject, at: r.at, by: r.by });
  }
  return { workspaces: rows.workspaces.length, invites: rows.invites.length, revocations: rows.revocations.length };
}

/** Copies `sqliteFile` into the empty database at `databaseUrl`; refuses a broken source or a non-empty target. */
export async function migrateSqliteToPostgres(sqliteFile: string, databaseUrl: string): Promise<MigrationOutcome> {
  if (!existsSync(sqliteFile)) return err({ reason: `${sqliteFile}: no such file` });
  const source = openSqliteStore({ path: sqliteFile, checkpointIntervalMs: null });
  const pool = openPgPool({ connectionString: databaseUrl, max: 2 });
  try {
    const before = await source.verify();
    if (!before.ok)
      return err({
        reason: `the SQLite file does not verify (${before.brokenAt?.docName} #${before.brokenAt?.seq}: ${before.brokenAt?.reason}); nothing copied`,
      });
    const target = await openPgStore({ pool });
    const accounts = await openPgAccountStore(pool);
    const existing = await pool.query<{ n: string }>('SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM auth_workspaces) AS n');
    if (Number(existing.rows[0]?.n ?? 0) > 0) return err({ reason: 'the PostgreSQL database already holds data; migrate into an empty database' });

    let updates = 0;
    const names = await source.listDocuments();
    const copied = new Map<string, number>();
    for (const name of names) {
      const count = await copyDocument(source, target, name);
      copied.set(name, count);
      updates += count;
    }
    const copiedAccounts = await copyAccounts(sqliteFile, accounts);

    const after = await target.verify();
    if (!after.ok) return err({ reason: `the copy does not verify (${after.brokenAt?.docName} #${after.brokenAt?.seq}: ${after.brokenAt?.reason})` });
    if (after.documents !== before.documents || after.updates !== before.updates) {
      return err({ reason: `the copy holds ${after.documents} documents / ${after.updates} updates, the source ${before.documents} / ${before.updates}` });
    }
    for (const [name, count] of copied) {
      const [sourceHead] = await source.history(name, count, 1);
      const [targetHead] = await target.history(name, count, 1);
      if (!sourceHead || sourceHead.hash !== targetHead?.hash) return err({ reason: `${name}: the chain heads differ after the copy` });
    }
    return ok({ report: { documents: names.length, updates, ...copiedAccounts } });
  } finally {
    await source.close();
    await pool.end();
  }
}
