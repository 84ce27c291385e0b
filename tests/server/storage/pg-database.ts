/**
 * A PostgreSQL database of its own for each test (CREATE DATABASE … TEMPLATE template0, dropped afterwards), on the
 * server at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, as CI provides).
 * Suites skip with a message naming what is missing when PostgreSQL is unreachable, except under CI=1, where they fail.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Reachability {
  reachable: boolean;
  /** Why not, for the skip message. */
  problem: string;
}

/** Whether the test PostgreSQL answers (one connection, 3 s at most). */
export async function probePostgres(): Promise<Reachability> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reachable: true, problem: '' };
  } catch (error) {
    return { reachable: false, problem: `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a suite needing the service runs; logs why not. Under CI=1 an unreachable service is a failure, not a skip. */
export function mustSkip(service: Reachability, suite: string): boolean {
  if (service.reachable) return false;
  if (process.env.CI === '1') return false;
  console.warn(`SKIPPED ${suite}: ${service.problem}. Start it (or set the TEST_*_URL) to run this suite; under CI=1 it fails instead.`);
  return true;
}

/** Throws under CI=1 when the service is unreachable (the suite's first test calls it). */
export function requireReachable(service: Reachability): void {
  if (!service.reachable) throw new Error(`${service.problem}; CI=1 requires it`);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new empty database; `drop` removes it (closing whatever is still connected). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `guatu_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE template0`));
  return {
    name,
    url: withDatabase(TEST_DATABASE_URL, name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
