/**
 * Versioned migrations for PostgreSQL, run by the server at start. Several instances may start together: the runner
 * holds a transaction-level advisory lock while it looks and migrates, so each migration runs once and the others
 * wait, then find it applied. A migration is never edited once shipped: a change is a new entry at the end.
 */
import type { Pool } from 'pg';
import { err, ok, type Result } from '../../shared/result';
import { withPoolClient } from './pg-pool';

/** Any constant both instances agree on: the key of the advisory lock guarding migrations. */
const MIGRATION_LOCK_KEY = 0x6775_6174; // "guat"

export type PgMigrationResult = Result<{ from: number; to: number }, { reason: string }>;

/**
 * Brings `component` (e.g. "documents", "accounts") up to `migrations.length`, all in one transaction; refuses a
 * database a newer server migrated further than this one knows.
 */
export async function migratePg(pool: Pool, component: string, migrations: readonly string[]): Promise<PgMigrationResult> {
  return withPoolClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS guatu_schema (
         component TEXT NOT NULL,
         version INTEGER NOT NULL,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
      );
      const row = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM guatu_schema WHERE component = $1', [component]);
      const current = row.rows[0]?.version ?? 0;
      if (current > migrations.length) {
        await client.query('ROLLBACK');
        return err({ reason: `the database has ${component} schema version ${current}; this server knows up to ${migrations.length}` });
      }
      for (let version = current; version < migrations.length; version += 1) {
        await client.query(migrations[version] ?? '');
        await client.query('INSERT INTO guatu_schema (component, version) VALUES ($1, $2)', [component, version + 1]);
      }
      await client.query('COMMIT');
      return ok({ from: current, to: migrations.length });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
