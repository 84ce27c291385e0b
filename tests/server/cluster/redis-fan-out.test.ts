import { describe, it } from 'vitest';
import { openRedisFanOut } from '../../../server/cluster/redis-fan-out';
import { createSilentLogger } from '../../../server/log';
import { mustSkip, requireReachable } from '../storage/pg-database';
import { describeFanOutContract } from './fan-out.contract';
import { TEST_REDIS_URL, probeRedis, testPrefix } from './redis-test';

const redis = await probeRedis();
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
