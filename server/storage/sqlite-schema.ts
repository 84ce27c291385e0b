/**
 * The SQLite schema as numbered migrations; PRAGMA user_version records how many have run.
 * A migration is never edited once shipped: a change is a new entry at the end.
 */
import type Database from 'better-sqlite3';
import { err, ok, type Result } from '../../shared/result';

const MIGRATIONS: readonly string[] = [
  // 1: attributed updates, the chain head per document, snapshots for fast loading.
  `CREATE TABLE documents (
     doc TEXT PRIMARY KEY,
     last_seq INTEGER NOT NULL,
     last_hash TEXT NOT NULL
   );
   CREATE TABLE updates (
     doc TEXT NOT NULL,
     seq INTEGER NOT NULL,
     author TEXT NOT NULL,
     at INTEGER NOT NULL,
     "update" BLOB NOT NULL,
     hash TEXT NOT NULL,
     PRIMARY KEY (doc, seq)
   );
   CREATE TABLE snapshots (
     doc TEXT NOT NULL,
     upto_seq INTEGER NOT NULL,
     state BLOB NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (doc, upto_seq)
   );`,
  // 2: which member each client id belongs to as of the snapshot (client-owners.ts), so a load reads only what follows.
  'ALTER TABLE snapshots ADD COLUMN owners TEXT;',
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type MigrationResult = Result<{ from: number; to: number }, { reason: string }>;

/** Bring the file up to SCHEMA_VERSION in one transaction; refuse a file written by a newer version. */
export function migrate(db: Database.Database): MigrationResult {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') return err({ reason: 'cannot read PRAGMA user_version' });
  if (current > SCHEMA_VERSION) {
    return err({ reason: `the file has schema version ${current}; this server knows up to ${SCHEMA_VERSION}` });
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      db.exec(MIGRATIONS[version] ?? '');
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  return ok({ from: current, to: SCHEMA_VERSION });
}
