/**
 * The documents' PostgreSQL schema as numbered migrations (run by pg-migrate.ts under an advisory lock).
 * The same three tables as SQLite (sqlite-schema.ts): the chain head per document (whose row lock is the document's
 * sequencer), the attributed updates, and snapshots.
 */
import { activitySchema } from '../activity/activity-sql';

export const PG_DOCUMENT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE documents (
     doc TEXT PRIMARY KEY,
     last_seq BIGINT NOT NULL,
     last_hash TEXT NOT NULL
   );
   CREATE TABLE updates (
     doc TEXT NOT NULL,
     seq BIGINT NOT NULL,
     author TEXT NOT NULL,
     at BIGINT NOT NULL,
     "update" BYTEA NOT NULL,
     hash TEXT NOT NULL,
     PRIMARY KEY (doc, seq)
   );
   CREATE TABLE snapshots (
     doc TEXT NOT NULL,
     upto_seq BIGINT NOT NULL,
     state BYTEA NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (doc, upto_seq)
   );`,
  // 2: leases (one summary deriver per workspace, docs/scale-out.md §4) and how far each project was derived
  `CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     holder TEXT NOT NULL,
     token BIGINT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE derived_marks (
     doc TEXT PRIMARY KEY,
     seq BIGINT NOT NULL
   );`,
  // 3: which member each client id belongs to as of the snapshot (client-owners.ts), so a load reads only what follows.
  'ALTER TABLE snapshots ADD COLUMN owners TEXT;',
];

/**
 * The workspace-wide activity index (server/activity), a component of its own: derived from the updates above and
 * rebuilt from them if dropped. Project ids order byte-wise (COLLATE "C"), as in SQLite and in memory.
 */
export const PG_ACTIVITY_MIGRATIONS: readonly string[] = [activitySchema({ bigint: 'BIGINT', orderedText: 'TEXT COLLATE "C"' })];
