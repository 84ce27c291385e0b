/**
 * Redis for tests at TEST_REDIS_URL (default redis://127.0.0.1:6379), each test under a key prefix of its own that
 * is deleted afterwards. Suites skip with a message when Redis is unreachable, except under CI=1, where they fail.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Reachability } from '../storage/pg-database';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function probeRedis(): Promise<Reachability> {
  const client = createClient({ url: TEST_REDIS_URL, socket: { connectTimeout: 3_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return { reachable: true, problem: '' };
  } catch (error) {
    return { reachable: false, problem: `Redis at ${TEST_REDIS_URL} is unreachable (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A fresh key prefix and a way to delete every key under it. */
export function testPrefix(label: string): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `guatu-test:${label}:${randomBytes(5).toString('hex')}`;
  return {
    prefix,
    async cleanup() {
      const client = createClient({ url: TEST_REDIS_URL });
      client.on('error', () => undefined);
      await client.connect();
      try {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
      } finally {
        await client.close();
      }
    },
  };
}
