/**
 * Edit-to-peer latency under a steady load, and the delivery ceiling (saturation), for one server kind per call.
 * Each call starts a fresh server process and a fresh load-generator process.
 */
import type { Child } from './child-rpc';
import { busyCoresBetween, cpuTimes } from './machine-load';
import { withProcesses, type ServerProcess } from './processes';
import type { ServerKind } from './running-server';
import { ConnectResultSchema, CountersSchema, CpuSchema, DrainResultSchema, RunResultSchema, type RunResult } from './schemas';

export interface RoomShape {
  rooms: number;
  clientsPerRoom: number;
}

export interface Timing {
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

export interface LatencyRun extends RunResult {
  /** Server CPU seconds per wall second over the run (1 = one core busy). */
  serverCpu: number;
  /** The load generator's, likewise. */
  loadCpu: number;
  /** Cores the rest of the machine (other people's work) kept busy meanwhile: large values mean a noisy run. */
  otherCpu: number;
  /** Ours only: its counters after the run (accepted updates, sends, refusals by reason). */
  serverCounters: Record<string, number>;
}

/** Runs `body` and says how many cores the server, the load generator and everything else used meanwhile. */
async function measureCpu<T>(server: ServerProcess, load: Child, body: () => Promise<T>) {
  await server.child.call('cpu', null, CpuSchema);
  await load.call('cpu', null, CpuSchema);
  const machineBefore = cpuTimes();
  const wallStart = performance.now();
  const result = await body();
  const seconds = (performance.now() - wallStart) / 1000;
  const machineCores = busyCoresBetween(machineBefore, cpuTimes());
  const serverCpu = (await server.child.call('cpu', null, CpuSchema)) / seconds;
  const loadCpu = (await load.call('cpu', null, CpuSchema)) / seconds;
  return { result, serverCpu, loadCpu, otherCpu: Math.max(0, machineCores - serverCpu - loadCpu) };
}

/** `databasePath` ':memory:' runs ours without durable storage (a diagnostic: what the SQLite append costs). */
export async function measureLatency(kind: ServerKind, shape: RoomShape, editsPerSecond: number, timing: Timing, databasePath?: string): Promise<LatencyRun> {
  return withProcesses(
    kind,
    async (server, load) => {
      await load.call('connect', { url: server.url, roomPrefix: 'bench/lat-', handshake: kind !== 'relay', ...shape }, ConnectResultSchema);
      const { result, serverCpu, loadCpu, otherCpu } = await measureCpu(server, load, () => load.call('run', { editsPerSecond, ...timing }, RunResultSchema));
      return { ...result, serverCpu, loadCpu, otherCpu, serverCounters: await server.child.call('counters', null, CountersSchema) };
    },
    databasePath,
  );
}

export interface SaturationStep {
  offered: number;
  deliveredPerSecond: number;
  p99: number;
  serverCpu: number;
  loadCpu: number;
  otherCpu: number;
  closedClients: number;
}

export interface SaturationRun {
  steps: SaturationStep[];
  maxDeliveredPerSecond: number;
}

/**
 * Raises the offered edit rate by `factor` per step on the same connections until delivery stops growing (two
 * steps below 5 % over the best so far) or clients are dropped; between steps the backlog drains.
 */
export async function measureSaturation(
  kind: ServerKind,
  shape: RoomShape,
  startRate: number,
  factor: number,
  maxSteps: number,
  timing: Timing,
  databasePath?: string,
): Promise<SaturationRun> {
  return withProcesses(
    kind,
    async (server, load) => {
      await load.call('connect', { url: server.url, roomPrefix: 'bench/sat-', handshake: kind !== 'relay', ...shape }, ConnectResultSchema);
      const steps: SaturationStep[] = [];
      let best = 0;
      let flat = 0;
      let rate = startRate;
      for (let step = 0; step < maxSteps && flat < 2; step++, rate *= factor) {
        const { result, serverCpu, loadCpu, otherCpu } = await measureCpu(server, load, () =>
          load.call('run', { editsPerSecond: rate, ...timing }, RunResultSchema),
        );
        steps.push({
          offered: rate,
          deliveredPerSecond: result.deliveredPerSecond,
          p99: result.p99,
          serverCpu,
          loadCpu,
          otherCpu,
          closedClients: result.closedClients,
        });
        if (result.deliveredPerSecond > best * 1.05) {
          best = result.deliveredPerSecond;
          flat = 0;
        } else {
          best = Math.max(best, result.deliveredPerSecond);
          flat++;
        }
        if (result.closedClients > 0) break;
        await load.call('drain', { quietMs: 300, maxMs: 10_000 }, DrainResultSchema);
      }
      return { steps, maxDeliveredPerSecond: best };
    },
    databasePath,
  );
}
