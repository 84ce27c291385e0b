/**
 * A sync server in a process of its own for the crash-window test: `node --import tsx crash-window-server.ts <sqlite
 * file> <port> <hold|store>`. With "hold" its store never finishes a group commit, so every accepted update is sent
 * to the peers and then waits to be stored — the state the process is in when it dies between the two.
 */
import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { createSyncServer } from '../../../server/sync/sync-server';
import { testAuthenticate, testAuthorize } from './harness';

const [path = '', port = '0', mode = 'store'] = process.argv.slice(2);
const sqlite = openSqliteStore({ path });
const store = mode === 'hold' ? { ...sqlite, appendMany: () => new Promise<never>(() => undefined) } : sqlite;
const server = createSyncServer({ store, authenticate: testAuthenticate, authorize: testAuthorize, logger: createSilentLogger(), metrics: createMetrics() });
const listening = await server.listen(Number(port), '127.0.0.1');
console.log(`listening ${listening.port}`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => sqlite.close())
    .then(() => process.exit(0));
});
