import { afterAll, describe, it } from 'vitest';
import { openPgAccountStore } from '../../../server/auth/pg-account-store';
import { openPgPool } from '../../../server/storage/pg-pool';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from '../storage/pg-database';
import { accountStoreContract } from './account-store.contract';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'PostgreSQL account store');

describe.runIf(!postgres.reachable && !skip)('PostgreSQL account store (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

describe.skipIf(!postgres.reachable)('PostgreSQL account store', () => {
  const databases: TestDatabase[] = [];
  // one DROP DATABASE … WITH (FORCE) per contract test, each a checkpoint: past the 10 s default on a busy machine
  afterAll(async () => {
    for (const database of databases) await database.drop();
  }, 60_000);
  // every test gets a database of its own; the store closes its pool
  accountStoreContract('PostgreSQL', async () => {
    const database = await createTestDatabase('accounts');
    databases.push(database);
    return openPgAccountStore(openPgPool({ connectionString: database.url, max: 4 }), { ownsPool: true });
  });
});
