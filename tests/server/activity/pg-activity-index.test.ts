import { describe, it } from 'vitest';
import type { ActivityIndex } from '../../../server/activity/activity-index';
import { openPgActivityIndex } from '../../../server/activity/pg-activity-index';
import { openPgPool } from '../../../server/storage/pg-pool';
import { createTestDatabase, mustSkip, probePostgres, requireReachable } from '../storage/pg-database';
import { describeActivityIndexContract } from './contract';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'PostgreSQL activity index');

describe.runIf(!postgres.reachable && !skip)('PostgreSQL activity index (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

describe.skipIf(!postgres.reachable)('PostgreSQL activity index', () => {
  describeActivityIndexContract('PostgreSQL', async () => {
    const database = await createTestDatabase('activity');
    const opened: ActivityIndex[] = [];
    const openOne = async (): Promise<ActivityIndex> => {
      const index = await openPgActivityIndex({ pool: openPgPool({ connectionString: database.url, max: 3 }), ownsPool: true });
      opened.push(index);
      return index;
    };
    return {
      index: await openOne(),
      reopen: openOne,
      cleanup: async () => {
        for (const index of opened) await index.close();
        await database.drop();
      },
    };
  });
});
