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
  // Every client always has a listener of its own: pg emits 'error' when the server ends a connection, and the pool
  // listens only while a client is idle. A connection ended right after it was made (its ReadyForQuery and the
  // FATAL in one read) emits before whoever checked it out can listen. The query in flight rejects either way, and a
  // broken client is discarded on release (withPoolClient).
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/**
 * Runs `work` on a client checked out of the pool. pg emits 'error' on a checked-out client whose connection drops
 * (a failover, a restart, pg_terminate_backend) and the pool listens only while a client is idle: without a listener
 * of ours that 'error' would end the process. The query in flight rejects anyway; a client that broke is released
 * as broken, so the pool discards it instead of handing it out again.
 */
export async function withPoolClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } finally {
    if (broken === undefined) client.off('error', onError);
    client.release(broken);
  }
}

/** `work` inside BEGIN … COMMIT on one checked-out client (see withPoolClient); rolled back when it throws. */
export function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPoolClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
