/**
 * Scenario "storm" (issue #7 §2): N clients, each opening the workspace document and one project document, all at
 * once against a freshly started server holding the city demo (1000 projects); then the server is SIGKILLed,
 * restarted on the same data, and the same clients reconnect all at once. The same clients and documents (their
 * stored states copied) go to @y/websocket-server 0.1.1 with an equivalent persistence layer.
 *
 * Measured per phase: time until every socket has received sync step 2, GET /health every 100 ms (p95, max),
 * sockets the server dropped after they had synced (during the storm and a hold window covering two keep-alive
 * rounds), server RSS and CPU, the client process's CPU (to show it was not the bottleneck) and other work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { forkChild, type Child } from './child-rpc';
import { cpuSecondsOf, freePort, startGuatu, type GuatuProcess } from './guatu-process';
import { busyCoresBetween, cpuTimes } from './machine-load';
import { startProbe, type ProbeSummary } from './probe';
import { loopBetween, readLoop, type ServerLoop } from './server-loop';
import { serverModules } from './server-modules';
import { prepareStorm, seedDemo, type StormFixture } from './storm-fixture';

const here = fileURLToPath(new URL('.', import.meta.url));
const CLIENTS_CHILD = join(here, 'storm-clients.ts');
const OFFICIAL_CHILD = join(here, 'official-persisted-child.ts');

export type StormServer = 'guatu' | 'official';

export interface StormOptions {
  /** The checkout whose server runs (see server-modules.ts). */
  serverRoot: string;
  clients: number;
  runs: number;
  /** Give up waiting for "all synced" after this long. */
  timeoutMs: number;
  /** After the storm, keep the sockets open this long and count what the server drops. */
  holdMs: number;
  log(message: string): void;
}

const Counts = z.record(z.string(), z.number());
const StormReplySchema = z.object({
  sockets: z.number(),
  synced: z.number(),
  allSynced: z.boolean(),
  ms: z.number(),
  p50Ms: z
    .number()
    .nullable()
    .transform((v) => v ?? Number.NaN),
  p95Ms: z
    .number()
    .nullable()
    .transform((v) => v ?? Number.NaN),
  gaveUp: z.number(),
  attempts: z.number(),
  failuresBeforeSync: Counts,
  bytesReceived: z.number(),
  clientCpuShare: z.number(),
});
const StatsSchema = z.object({ open: z.number(), dropsAfterSync: Counts, failuresBeforeSync: Counts, attempts: z.number() });

export interface StormPhase {
  /** Time from the first socket opened until the last received sync step 2 (the timeout when some never did). */
  syncMs: number;
  allSynced: boolean;
  sockets: number;
  synced: number;
  p50SyncMs: number;
  p95SyncMs: number;
  /** Connection attempts, including the reconnects of refused or dropped sockets. */
  attempts: number;
  /** Sockets that stopped reconnecting (the server closed them with a 44xx "do not retry" code). */
  gaveUp: number;
  failuresBeforeSync: Record<string, number>;
  /** Closes of already synced sockets, by code, from the storm's start to the end of the hold window. */
  dropsAfterSync: Record<string, number>;
  openAfterHold: number;
  bytesReceived: number;
  /** GET /health on the main port (where the storm's handshakes queue too). */
  health: ProbeSummary;
  /** GET /health on the operations port (OPS_PORT; ours only): what an operator's monitoring sees. */
  opsHealth: ProbeSummary | null;
  serverCpuCores: number;
  clientCpuShare: number;
  otherCpuCores: number;
  /** Restart phase only: from spawning the server to it listening. */
  restartMs?: number;
  /** Guatu only: the server's own event-loop delay over the phase (its /metrics). */
  serverLoop?: ServerLoop;
  /** Guatu only: the server's log lines at info and above during the phase, by message. */
  serverLog?: Record<string, number>;
}

export interface StormRun {
  server: StormServer;
  first: StormPhase;
  resync: StormPhase;
}

export interface StormResults {
  options: Omit<StormOptions, 'log'>;
  fixture: Omit<StormFixture, 'clients'> & { seedSeconds: number };
  runs: StormRun[];
}

interface Started {
  pid: number;
  /** The operations listener's port (ours only). */
  opsPort?: number;
  kill(): Promise<void>;
  stop(): Promise<void>;
  logCounts?(): Record<string, number>;
}

async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startServer(kind: StormServer, root: string, port: number, dataDir: string, statesPath: string): Promise<Started> {
  if (kind === 'guatu') {
    const opsPort = await freePort();
    const server: GuatuProcess = await startGuatu({ root, dataDir, port, env: { OPS_PORT: String(opsPort) } });
    return Object.assign(server, { opsPort });
  }
  const child = await forkChild(OFFICIAL_CHILD, [String(port), statesPath]);
  return {
    pid: child.pid,
    async kill() {
      process.kill(child.pid, 'SIGKILL');
      await waitForExit(child.pid);
    },
    stop: () => child.stop(),
  };
}

function diffCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) if (value - (before[key] ?? 0) > 0) out[key] = value - (before[key] ?? 0);
  return out;
}

/** One storm (or reconnect storm) against a listening server, then the hold window. */
async function phase(clients: Child, server: Started, port: number, paths: string[], options: StormOptions): Promise<StormPhase> {
  const logBefore = server.logCounts?.() ?? {};
  const loopBefore = server.logCounts ? await readLoop(port) : null;
  const machineBefore = cpuTimes();
  const serverCpuBefore = cpuSecondsOf(server.pid);
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  const probe = startProbe(port, server.pid);
  const opsProbe = server.opsPort === undefined ? null : startProbe(server.opsPort, null);
  const storm = await clients.call('storm', { base: `ws://127.0.0.1:${port}`, paths, timeoutMs: options.timeoutMs }, StormReplySchema);
  const stormWallMs = performance.now() - started;
  const clientCpuCores = (storm.clientCpuShare * stormWallMs) / 1000;
  await new Promise((r) => setTimeout(r, options.holdMs));
  const stats = await clients.call('stats', null, StatsSchema);
  const health = await probe.stop();
  const opsHealth = (await opsProbe?.stop()) ?? null;
  const serverLoop = server.logCounts ? loopBetween(loopBefore, await readLoop(port)) : undefined;
  const wallSeconds = (performance.now() - started) / 1000;
  const serverCpu = cpuSecondsOf(server.pid) - serverCpuBefore;
  const self = process.cpuUsage(selfBefore);
  const machineCores = busyCoresBetween(machineBefore, cpuTimes());
  // the client process's CPU over the hold window is small (keep-alives); its storm CPU is counted over the whole phase
  const otherCpuCores = Math.max(0, machineCores - serverCpu / wallSeconds - clientCpuCores / wallSeconds - (self.user + self.system) / 1e6 / wallSeconds);
  const serverLog = server.logCounts ? diffCounts(server.logCounts(), logBefore) : undefined;
  return {
    syncMs: storm.ms,
    allSynced: storm.allSynced,
    sockets: storm.sockets,
    synced: storm.synced,
    p50SyncMs: storm.p50Ms,
    p95SyncMs: storm.p95Ms,
    attempts: stats.attempts,
    gaveUp: storm.gaveUp,
    failuresBeforeSync: stats.failuresBeforeSync,
    dropsAfterSync: stats.dropsAfterSync,
    openAfterHold: stats.open,
    bytesReceived: storm.bytesReceived,
    health,
    opsHealth,
    serverCpuCores: serverCpu / wallSeconds,
    clientCpuShare: storm.clientCpuShare,
    otherCpuCores,
    ...(serverLog ? { serverLog } : {}),
    ...(serverLoop ? { serverLoop } : {}),
  };
}

function describePhase(p: StormPhase): string {
  const drops =
    Object.entries(p.dropsAfterSync)
      .map(([code, n]) => `${n}×${code}`)
      .join(', ') || 'none';
  const refused =
    Object.entries(p.failuresBeforeSync)
      .map(([code, n]) => `${n}×${code}`)
      .join(', ') || 'none';
  return (
    `${p.synced}/${p.sockets} synced in ${(p.syncMs / 1000).toFixed(2)} s (p50 ${(p.p50SyncMs / 1000).toFixed(2)} s), ` +
    (p.opsHealth ? `ops-port /health p95 ${p.opsHealth.p95Ms.toFixed(0)} ms max ${p.opsHealth.maxMs.toFixed(0)} ms (${p.opsHealth.failed} failed), ` : '') +
    `main-port /health p95 ${p.health.p95Ms.toFixed(0)} ms max ${p.health.maxMs.toFixed(0)} ms (probe's own loop max ${p.health.probeLoopMaxMs.toFixed(0)} ms, TCP connect max ${p.health.connectMaxMs.toFixed(0)} ms, accept queue max ${p.health.acceptQueueMax}), ` +
    (p.serverLoop
      ? `server event-loop delay max ${p.serverLoop.maxMs.toFixed(0)} ms (${p.serverLoop.windowsOver1s}/${p.serverLoop.windows} s over 1 s), `
      : '') +
    `dropped after sync: ${drops}; ` +
    `failed before sync: ${refused}; server ${p.serverCpuCores.toFixed(2)} cores, clients ${p.clientCpuShare.toFixed(2)} cores, ` +
    `other work ${p.otherCpuCores.toFixed(2)} cores, peak RSS ${(p.health.peakRssBytes / 2 ** 20).toFixed(0)} MiB`
  );
}

export async function runStorm(options: StormOptions): Promise<StormResults> {
  const work = mkdtempSync(join(tmpdir(), 'guatu-bench-storm-'));
  let clients: Child | null = null;
  try {
    const dataDir = join(work, 'data');
    const statesPath = join(work, 'official-states.sqlite');
    options.log('first start of the real server: creating the city demo');
    const seeded = await seedDemo(options.serverRoot, dataDir, await freePort());
    const fixture = await prepareStorm(await serverModules(options.serverRoot), dataDir, seeded.workspaceId, options.clients, statesPath);
    options.log(
      `workspace ${fixture.workspaceId}: ${options.clients} clients = ${fixture.members} members, ${fixture.clients.length * 2} sockets on ` +
        `${fixture.documents} documents (workspace state ${(fixture.workspaceStateBytes / 1024).toFixed(0)} KiB, projects ${(fixture.projectStateBytes.mean / 1024).toFixed(1)} KiB mean)`,
    );
    const pathsFor = (kind: StormServer) => fixture.clients.flatMap((c) => c.docs.map((doc) => (kind === 'guatu' ? `/${doc}?token=${c.token}` : `/${doc}`)));
    clients = await forkChild(CLIENTS_CHILD, []);
    const runs: StormRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      for (const kind of ['guatu', 'official'] as const) {
        const port = await freePort();
        let server = await startServer(kind, options.serverRoot, port, dataDir, statesPath);
        try {
          await new Promise((r) => setTimeout(r, 1000));
          const paths = pathsFor(kind);
          const first = await phase(clients, server, port, paths, options);
          options.log(`storm #${run + 1} ${kind} first connect: ${describePhase(first)}`);
          await clients.call('freeze', null, StatsSchema);
          await server.kill();
          const restartAt = performance.now();
          server = await startServer(kind, options.serverRoot, port, dataDir, statesPath);
          const restartMs = performance.now() - restartAt;
          const resync = { ...(await phase(clients, server, port, paths, options)), restartMs };
          options.log(`storm #${run + 1} ${kind} after SIGKILL + restart (${(restartMs / 1000).toFixed(1)} s to listen): ${describePhase(resync)}`);
          runs.push({ server: kind, first, resync });
        } finally {
          await clients.call('close-all', null, z.unknown());
          await server.stop();
        }
      }
    }
    const { clients: _clients, ...fixtureSummary } = fixture;
    const { log: _log, ...plainOptions } = options;
    return { options: plainOptions, fixture: { ...fixtureSummary, seedSeconds: seeded.seconds }, runs };
  } finally {
    await clients?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
