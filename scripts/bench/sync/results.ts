import type { ColdFixture } from './cold-load';
import type { LatencyRun, RoomShape, SaturationRun, Timing } from './latency';
import type { Machine } from './machine';
import type { MachineLoad } from './machine-load';
import type { MemoryDelta } from './memory-runs';
import type { ServerKind } from './running-server';

export type PerServer<T> = Record<ServerKind, T[]>;

export interface LatencyScenario {
  label: string;
  shape: RoomShape;
  editsPerSecond: number;
  runs: PerServer<LatencyRun>;
}

/** Everything one run measured, every repetition kept (the JSON file); the table shows medians. */
export interface SyncBenchResults {
  date: string;
  command: string;
  quick: boolean;
  machine: Machine;
  /** Other work on the machine just before the run (the bench itself idle) and right after it. */
  loadBefore: MachineLoad;
  loadAfter: MachineLoad;
  repetitions: number;
  sweepRepetitions: number;
  latencyTiming: Timing;
  saturationTiming: Timing;
  latency: LatencyScenario[];
  saturation: { shape: RoomShape; runs: PerServer<SaturationRun> };
  memory: {
    connections: { rooms: number; perRoom: number; runs: PerServer<MemoryDelta> };
    documents: { count: number; averageStateBytes: number; runs: PerServer<MemoryDelta> };
  };
  /** Ours with SQLite in memory (nothing durable): how much of ours' cost is the durable append. */
  diagnostics: {
    latency: { label: string; runs: LatencyRun[] };
    saturation: SaturationRun[];
  };
  cold: {
    fixture: Pick<ColdFixture, 'stateBytes' | 'updates'> & { compactEvery: number };
    uncompactedMs: number[];
    compactedMs: number[];
    floorMs: number[];
  };
}
