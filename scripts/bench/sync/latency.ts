/**
 * Edit-to-peer latency under a steady load, and the delivery ceiling (saturation), for one server kind per call.
 * Each call starts a fresh server process and a fresh load-generator process.
 */
import { withProcesses } from './processes';
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
  /** Ours only: its counters after the run (accepted updates, sends, refusals by reason). */
  serverCounters: Record<string, number>;
}

/** `databasePath` ':memory:' runs ours without durable storage (a diagnostic: what the SQLite append costs). */
export async function measureLatency(kind: ServerKind, shape: RoomShape, editsPerSecond: number, timing: Timing, databasePath?: string): Promise<LatencyRun> {
  return withProcesses(kind, async (server, load) => {
    await load.call('connect', { url: server.url, roomPrefix: 'bench/lat-', handshake: kind !== 'relay', ...shape }, ConnectResultSchema);
    await server.child.call('cpu', null, CpuSchema);
    const wallStart = performance.now();
    const result = await load.call('run', { editsPerSecond, ...timing }, RunResultSchema);
    const cpu = await server.child.call('cpu', null, CpuSchema);
    const serverCpu = cpu / ((performance.now() - wallStart) / 1000);
    return { ...result, serverCpu, serverCounters: await server.child.call('counters', null, CountersSchema) };
  }, databasePath);
}

export interface SaturationStep {
  offered: number;
  deliveredPerSecond: number;
  p99: number;
  serverCpu: number;
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
  return withProcesses(kind, async (server, load) => {
    await load.call('connect', { url: server.url, roomPrefix: 'bench/sat-', handshake: kind !== 'relay', ...shape }, ConnectResultSchema);
    const steps: SaturationStep[] = [];
    let best = 0;
    let flat = 0;
    let rate = startRate;
    for (let step = 0; step < maxSteps && flat < 2; step++, rate *= factor) {
      await server.child.call('cpu', null, CpuSchema);
      const wallStart = performance.now();
      const result = await load.call('run', { editsPerSecond: rate, ...timing }, RunResultSchema);
      const cpu = await server.child.call('cpu', null, CpuSchema);
      steps.push({
        offered: rate,
        deliveredPerSecond: result.deliveredPerSecond,
        p99: result.p99,
        serverCpu: cpu / ((performance.now() - wallStart) / 1000),
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
  }, databasePath);
}
