/**
 * The PostgreSQL connection pool the document and account stores share. A dropped connection must never take the
 * process down: pg emits 'error' on an idle client that lost its server, and an unhandled 'error' would crash.
 * Queries on a lost connection reject; callers turn that into an error the client retries (docs/scale-out.md §5).
 */
import pg from 'pg';

export interface PgPoolOptions {
  connectionString: string;
  /** Connections at most (default 10). */
  max?: number;
  /** Called for errors of idle connections (logged by the caller). */
  onIdleError?(error: Error): void;
}

export function openPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}
