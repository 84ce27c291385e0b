/**
 * Opens the server's two stores from the configuration: the SQLite file under DATA_DIR (the default), or PostgreSQL
 * when DATABASE_URL is set (docs/scale-out.md), with one connection pool for documents and accounts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ActivityIndex } from './activity/activity-index';
import { openPgActivityIndex } from './activity/pg-activity-index';
import { openSqliteActivityIndex } from './activity/sqlite-activity-index';
import type { AccountStore } from './auth/account-store';
import { openPgAccountStore } from './auth/pg-account-store';
import { openSqliteAccountStore } from './auth/sqlite-account-store';
import { SQLITE_FILE_NAME, type AppConfig } from './config';
import type { Logger } from './log';
import type { DocumentStore } from './storage/document-store';
import { pgLeases, type Leases } from './storage/pg-leases';
import { openPgPool, withPoolClient } from './storage/pg-pool';
import { openPgStore, type SharedDocumentStore } from './storage/pg-store';
import { openSqliteStore } from './storage/sqlite-store';

/** The advisory lock held while an instance looks for workspaces and creates the demo. */
const STARTUP_LOCK_KEY = 0x6775_6473;

export interface Stores {
  store: DocumentStore;
  accounts: AccountStore;
  /** The workspace-wide activity, derived from the documents' history (server/activity). */
  activity: ActivityIndex;
  /** The store when several instances share it (PostgreSQL); null on SQLite. */
  shared: SharedDocumentStore | null;
  /** Leases between instances (PostgreSQL); null on SQLite. */
  leases: Leases | null;
  /** Where the data lives, for the startup banner: the SQLite file, or the database without its password. */
  location: string;
  /**
   * Runs `work` while no other instance runs its own (PostgreSQL: a session advisory lock), so two instances starting
   * together on an empty database do not both create the demo. On SQLite it just runs.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database URL as it may be printed: user, host, port and database, never the password. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openStores(config: AppConfig, options: { now: () => number; logger?: Logger }): Promise<Stores> {
  if (config.databaseUrl) {
    const pool = openPgPool({
      connectionString: config.databaseUrl,
      onIdleError: (error) => options.logger?.warn({ err: error.message }, 'PostgreSQL connection lost; the pool opens a new one'),
    });
    try {
      const store = await openPgStore({ pool, now: options.now });
      const accounts = await openPgAccountStore(pool);
      const activity = await openPgActivityIndex({ pool });
      return {
        store,
        accounts,
        activity,
        shared: store,
        leases: pgLeases(pool),
        location: redactDatabaseUrl(config.databaseUrl),
        async exclusively(work) {
          return withPoolClient(pool, async (client) => {
            await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
            try {
              return await work();
            } finally {
              await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
            }
          });
        },
        async close() {
          await store.close();
          await accounts.close();
          await activity.close();
          await pool.end();
        },
      };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, SQLITE_FILE_NAME);
  const store = openSqliteStore({ path, now: options.now });
  const accounts = openSqliteAccountStore(path);
  const activity = openSqliteActivityIndex(path);
  return {
    store,
    accounts,
    activity,
    shared: null,
    leases: null,
    location: path,
    exclusively: (work) => work(),
    async close() {
      await store.close();
      await accounts.close();
      await activity.close();
    },
  };
}
