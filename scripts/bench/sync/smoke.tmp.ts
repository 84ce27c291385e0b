import { startLoadProcess } from './processes';
import { ConnectResultSchema, RunResultSchema } from './schemas';
const load = await startLoadProcess();
const url = `ws://127.0.0.1:${process.argv[2]}`;
await load.call('connect', { url, roomPrefix: 'x', rooms: 20, clientsPerRoom: 10, handshake: true }, ConnectResultSchema);
const r = await load.call('run', { editsPerSecond: Number(process.argv[3] ?? 3000), warmupMs: 1000, measureMs: 6000, drainMs: 2000 }, RunResultSchema);
console.log(r.deliveredPerSecond.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1));
await load.stop();
