import { createClient } from 'redis';
import { describe, expect, it, vi } from 'vitest';
import { openRedisFanOut } from '../../../server/cluster/redis-fan-out';
import { createSilentLogger } from '../../../server/log';
import { mustSkip, requireReachable } from '../storage/pg-database';
import type { CommittedUpdate } from '../../../server/sync/config';
import { startBalancer } from './balancer';
import { describeFanOutContract } from './fan-out.contract';
import { TEST_REDIS_URL, probeRedis, testPrefix } from './redis-test';

const redis = await probeRedis();
const D = 'ws/w1/project/p1';
const skip = mustSkip(redis, 'Redis fan-out');

describe.runIf(!redis.reachable && !skip)('Redis fan-out (CI=1)', () => {
  it('needs Redis', () => requireReachable(redis));
});

describe.skipIf(!redis.reachable)('Redis fan-out', () => {
  describeFanOutContract('Redis Streams', async () => {
    const keys = testPrefix('fanout');
    const logger = createSilentLogger();
    return {
      open: (onUpdates) => openRedisFanOut({ url: TEST_REDIS_URL, prefix: keys.prefix, onUpdates, logger }),
      cleanup: keys.cleanup,
    };
  });
});

describe.skipIf(!redis.reachable)('Redis fan-out: one stream per workspace', () => {
  it('a batch over several documents of one workspace reaches a waiting follower in one delivery; other workspaces travel apart', async () => {
    const keys = testPrefix('group');
    const logger = createSilentLogger();
    const deliveries: CommittedUpdate[][] = [];
    const a = await openRedisFanOut({ url: TEST_REDIS_URL, prefix: keys.prefix, onUpdates: () => undefined, logger });
    const b = await openRedisFanOut({ url: TEST_REDIS_URL, prefix: keys.prefix, onUpdates: (u) => deliveries.push(u), logger });
    const docs = Array.from({ length: 10 }, (_, i) => `ws/w1/project/p${i}`);
    const elsewhere = 'ws/w2/project/p1';
    try {
      for (const doc of [...docs, elsewhere]) await b.follow(doc, 0);
      await a.publish(docs.map((docName) => ({ docName, seq: 1, update: new Uint8Array([1]) })));
      await vi.waitFor(() => expect(deliveries.flat()).toHaveLength(10));
      // with a stream per document, Redis would have woken the follower with the first document's alone
      expect(deliveries.map((d) => d.length)).toEqual([10]);
      await a.publish([{ docName: elsewhere, seq: 1, update: new Uint8Array([2]) }]);
      await vi.waitFor(() => expect(deliveries.flat()).toHaveLength(11));
      expect(deliveries.at(-1)?.map((u) => u.docName)).toEqual([elsewhere]);
    } finally {
      await a.close();
      await b.close();
      await keys.cleanup();
    }
  });
});

/**
 * Two fan-outs on one Redis behind a cuttable path (dropping it is what a Redis restart looks like to the instances):
 * `a` publishes, `b` follows `D` from 0 and has delivered seq 1 already. `cut` and `restore` the path; `close` all.
 */
async function cuttablePair(label: string) {
  const keys = testPrefix(label);
  const port = Number(new URL(TEST_REDIS_URL).port || 6379);
  const proxy = await startBalancer([port], () => 0);
  const url = `redis://127.0.0.1:${proxy.port}`;
  const received: CommittedUpdate[] = [];
  const logger = createSilentLogger();
  const a = await openRedisFanOut({ url, prefix: keys.prefix, onUpdates: () => undefined, logger });
  const b = await openRedisFanOut({ url, prefix: keys.prefix, onUpdates: (u) => received.push(...u), logger });
  await b.follow(D, 0);
  await a.publish([{ docName: D, seq: 1, update: new Uint8Array([1]) }]);
  await vi.waitFor(() => expect(received.map((u) => u.seq)).toEqual([1]));
  return {
    a,
    keys,
    received,
    cut() {
      proxy.setUp(port, false);
      proxy.dropAll();
    },
    restore: () => proxy.setUp(port, true),
    async close() {
      await a.close();
      await b.close();
      await proxy.close();
      await keys.cleanup();
    },
  };
}

describe.skipIf(!redis.reachable)('Redis fan-out when Redis goes away and comes back', () => {
  it('a Redis back with an earlier clock (its entries ids below the cursor) is still read', async () => {
    const pair = await cuttablePair('clock');
    const direct = createClient({ url: TEST_REDIS_URL });
    await direct.connect();
    try {
      pair.cut();
      // what a replica whose clock is behind holds after a failover: the stream again, with small entry ids
      const key = `${pair.keys.prefix}:group:ws/w1`;
      await direct.del(key);
      await direct.sendCommand(['XADD', key, '5-0', 'd', D, 's', '2', 'u', 'x']);
      pair.restore();
      await vi.waitFor(() => expect(pair.received.map((u) => u.seq)).toEqual([1, 2]), 15_000);
    } finally {
      await direct.quit();
      await pair.close();
    }
  }, 30_000);

  it('publishing fails while Redis is unreachable (the commits stand); afterwards it publishes and delivers again', async () => {
    const { a, keys, received, cut, restore, close } = await cuttablePair('restart');
    try {
      cut();
      await vi.waitFor(() => expect(a.publish([{ docName: D, seq: 2, update: new Uint8Array([2]) }])).rejects.toThrow());
      await keys.cleanup(); // a restarted Redis without persistence has no streams

      restore();
      await vi.waitFor(async () => {
        await a.publish([{ docName: D, seq: 3, update: new Uint8Array([3]) }]);
        expect(received.map((u) => u.seq)).toContain(3);
      }, 15_000);
      // seq 2 never reached Redis: the follower sees 1 then 3 (a gap its cluster link fills from the store)
      expect(received.map((u) => u.seq)).toEqual([1, 3]);
      // the stream made again after the restart has a lifetime again (it is a cache, never kept for ever)
      const direct = createClient({ url: TEST_REDIS_URL });
      await direct.connect();
      try {
        const ttl = await direct.ttl(`${keys.prefix}:group:ws/w1`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(3_600);
      } finally {
        await direct.quit();
      }
    } finally {
      await close();
    }
  }, 30_000);
});
