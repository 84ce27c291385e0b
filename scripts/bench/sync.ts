/**
 * Sync server benchmark: ours, @y/websocket-server 0.1.1 and a bare ws relay, side by side in one run, each server in
 * its own process, the load generator in another. Writes bench/results/sync-<date>.md and .json.
 *
 *   npm run bench:sync            (about 6 minutes on 2 cores)
 *   npm run bench:sync -- --quick (one repetition, shorter windows; about 2 minutes)
 *   npm run bench:sync -- --scenario storm|hostile [options]   (issue #7 §2: the real server under an admission and
 *     reconnect storm, or a hostile member; see sync/scenarios.ts; writes bench/results/sync-<scenario>-<date>.md)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLD_DOCS, floorColdLoad, oursColdLoad, seedColdFixture } from './sync/cold-load';
import { demoProjectStates, projectHistory } from './sync/demo-documents';
import { measureLatency, measureSaturation, type Timing } from './sync/latency';
import { describeMachine } from './sync/machine';
import { sampleMachineLoad, type MachineLoad } from './sync/machine-load';
import { memoryPerConnection, memoryPerDocument, writeStates } from './sync/memory-runs';
import { renderColdLoad, renderDiagnostics, renderSummary } from './sync/report';
import type { PerServer, SyncBenchResults } from './sync/results';
import { SERVER_KINDS } from './sync/running-server';
import { methodNotes } from './sync/method-notes';

if (process.argv.includes('--scenario')) {
  const { runScenario } = await import('./sync/scenarios');
  await runScenario(process.argv.slice(2));
  process.exit(0);
}

const quick = process.argv.includes('--quick');
const repetitions = quick ? 1 : 3;
/** The saturation sweep and the diagnostic take longest; two repetitions keep a full run under ten minutes. */
const sweepRepetitions = quick ? 1 : 2;
const latencyTiming: Timing = quick ? { warmupMs: 1000, measureMs: 3000, drainMs: 2000 } : { warmupMs: 2000, measureMs: 5000, drainMs: 3000 };
const saturationTiming: Timing = quick ? { warmupMs: 500, measureMs: 1500, drainMs: 1500 } : { warmupMs: 700, measureMs: 2000, drainMs: 1500 };
/** Each room gets this many edits per second in the latency scenarios (one per client per second). */
const EDITS_PER_ROOM_PER_SECOND = 10;
const HISTORY_UPDATES = 50_000;
const COMPACT_EVERY = 500;
const DOCUMENTS = 150;

function log(message: string): void {
  console.log(`[bench:sync ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function describeLoad(load: MachineLoad): string {
  const busy = load.busyShare === null ? 'unknown' : `${(load.busyShare * 100).toFixed(0)} % of cores busy`;
  return `load average ${load.loadAverage}, ${busy}`;
}

function emptyPerServer<T>(): PerServer<T> {
  return { ours: [], official: [], relay: [] };
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'guatu-bench-sync-'));
try {
  const machine = describeMachine();
  log(
    `${machine.cores} cores (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}; ${quick ? 'quick' : 'full'} run, ${repetitions} repetition(s)`,
  );
  const loadBefore = await sampleMachineLoad();
  const busy = loadBefore.busyShare === null ? 'unknown' : `${(loadBefore.busyShare * 100).toFixed(0)} %`;
  log(`machine before the run: load average ${loadBefore.loadAverage}, cores busy ${busy}`);
  if ((loadBefore.busyShare ?? 0) > 0.1) log('warning: other work is using the machine; latency and throughput figures will be noisy');

  const latency: SyncBenchResults['latency'] = [
    { label: 'small', shape: { rooms: 20, clientsPerRoom: 10 }, editsPerSecond: 20 * EDITS_PER_ROOM_PER_SECOND, runs: emptyPerServer() },
    { label: 'large', shape: { rooms: 100, clientsPerRoom: 10 }, editsPerSecond: 100 * EDITS_PER_ROOM_PER_SECOND, runs: emptyPerServer() },
  ];
  for (const scenario of latency) {
    for (let rep = 0; rep < repetitions; rep++) {
      for (const kind of SERVER_KINDS) {
        const run = await measureLatency(kind, scenario.shape, scenario.editsPerSecond, latencyTiming);
        scenario.runs[kind].push(run);
        log(
          `latency ${scenario.label} #${rep + 1} ${kind}: p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ${run.deliveredOfWindow}/${run.expectedDeliveries} delivered, server cpu ${run.serverCpu.toFixed(2)}`,
        );
      }
    }
  }

  const saturation: SyncBenchResults['saturation'] = { shape: { rooms: 20, clientsPerRoom: 10 }, runs: emptyPerServer() };
  for (let rep = 0; rep < sweepRepetitions; rep++) {
    for (const kind of SERVER_KINDS) {
      const run = await measureSaturation(kind, saturation.shape, 1000, 1.6, 9, saturationTiming);
      saturation.runs[kind].push(run);
      const steps = run.steps.map((s) => `${s.offered.toFixed(0)}→${s.deliveredPerSecond.toFixed(0)}`).join(', ');
      log(`saturation #${rep + 1} ${kind}: max ${run.maxDeliveredPerSecond.toFixed(0)} delivered/s (offered edits/s→delivered/s: ${steps})`);
    }
  }

  // diagnostic: ours without durable storage, on the large latency scenario and the saturation sweep
  const large = latency[1];
  const diagnostics: SyncBenchResults['diagnostics'] = { latency: { label: large?.label ?? 'large', runs: [] }, saturation: [] };
  for (let rep = 0; rep < sweepRepetitions && large; rep++) {
    const run = await measureLatency('ours', large.shape, large.editsPerSecond, latencyTiming, ':memory:');
    diagnostics.latency.runs.push(run);
    log(`diagnostic latency large #${rep + 1} ours with SQLite in memory: p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms`);
    const sat = await measureSaturation('ours', saturation.shape, 1000, 1.6, 9, saturationTiming, ':memory:');
    diagnostics.saturation.push(sat);
    log(`diagnostic saturation #${rep + 1} ours with SQLite in memory: max ${sat.maxDeliveredPerSecond.toFixed(0)} delivered/s`);
  }

  const connections: SyncBenchResults['memory']['connections'] = { rooms: 100, perRoom: 10, runs: emptyPerServer() };
  for (let rep = 0; rep < repetitions; rep++) {
    for (const kind of SERVER_KINDS) {
      const delta = await memoryPerConnection(kind, connections.rooms, connections.perRoom);
      connections.runs[kind].push(delta);
      log(
        `memory per connection #${rep + 1} ${kind}: heap+external ${(delta.heapPerUnit / 1024).toFixed(1)} KiB, rss ${(delta.rssPerUnit / 1024).toFixed(1)} KiB`,
      );
    }
  }

  log(`materialising ${DOCUMENTS} demo project documents`);
  const demo = demoProjectStates(DOCUMENTS + 10);
  const warmupStatesPath = join(work, 'warmup-states.bin');
  const statesPath = join(work, 'states.bin');
  writeStates(warmupStatesPath, demo.states.slice(DOCUMENTS));
  const measured = demo.states.slice(0, DOCUMENTS);
  writeStates(statesPath, measured);
  const documents: SyncBenchResults['memory']['documents'] = {
    count: measured.length,
    averageStateBytes: measured.reduce((sum, s) => sum + s.length, 0) / measured.length,
    runs: emptyPerServer(),
  };
  for (let rep = 0; rep < repetitions; rep++) {
    // the relay keeps no documents
    for (const kind of ['ours', 'official'] as const) {
      const delta = await memoryPerDocument(kind, warmupStatesPath, statesPath, measured.length);
      documents.runs[kind].push(delta);
      log(
        `memory per document #${rep + 1} ${kind}: heap+external ${(delta.heapPerUnit / 1024).toFixed(1)} KiB, rss ${(delta.rssPerUnit / 1024).toFixed(1)} KiB`,
      );
    }
  }

  log(`building a ${HISTORY_UPDATES.toLocaleString('en-US')}-update project history and seeding SQLite`);
  const fixture = await seedColdFixture(work, projectHistory(HISTORY_UPDATES), COMPACT_EVERY);
  const cold: SyncBenchResults['cold'] = {
    fixture: { stateBytes: fixture.stateBytes, updates: fixture.updates, compactEvery: COMPACT_EVERY },
    uncompactedMs: [],
    compactedMs: [],
    floorMs: [],
  };
  for (let rep = 0; rep < Math.max(3, repetitions); rep++) {
    const floor = await floorColdLoad(fixture);
    const compacted = await oursColdLoad(fixture, COLD_DOCS.compacted);
    const uncompacted = await oursColdLoad(fixture, COLD_DOCS.uncompacted);
    cold.floorMs.push(floor);
    cold.compactedMs.push(compacted.ms);
    cold.uncompactedMs.push(uncompacted.ms);
    log(
      `cold load #${rep + 1}: floor ${floor.toFixed(1)} ms, ours compacted ${compacted.ms.toFixed(1)} ms, uncompacted ${uncompacted.ms.toFixed(1)} ms (${compacted.bytes} bytes)`,
    );
  }

  const loadAfter = await sampleMachineLoad();
  const date = new Date().toISOString().slice(0, 10);
  const results: SyncBenchResults = {
    date,
    command: `npm run bench:sync${quick ? ' -- --quick' : ''}`,
    quick,
    machine,
    loadBefore,
    loadAfter,
    repetitions,
    sweepRepetitions,
    latencyTiming,
    saturationTiming,
    latency,
    saturation,
    memory: { connections, documents },
    diagnostics,
    cold,
  };
  const summary = renderSummary(results);
  const coldTable = renderColdLoad(results);
  const diagnosticTable = renderDiagnostics(results);
  console.log(`\n${summary}\n\n${diagnosticTable}\n\n${coldTable}\n`);

  const outDir = join(process.cwd(), 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const name = `sync-${date}${quick ? '-quick' : ''}`;
  const minutes = (performance.now() - started) / 60_000;
  const markdown = [
    `# Sync server benchmark, ${date}${quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${machine.cores} cores (nproc), ${machine.model}, ${machine.memoryGiB} GiB RAM, Node ${machine.node}.`,
    `Other work on the machine: ${describeLoad(loadBefore)} just before the run, ${describeLoad(loadAfter)} right after it.`,
    `Command: \`${results.command}\` (${minutes.toFixed(1)} min). Medians of ${repetitions} repetition(s) (saturation sweep and diagnostic: ${sweepRepetitions}; cold load: ${cold.floorMs.length}); every run is in ${name}.json.`,
    '',
    '## Sync path',
    '',
    summary,
    '',
    '## Diagnostic: ours without durable storage',
    '',
    diagnosticTable,
    '',
    '## Cold load',
    '',
    coldTable,
    '',
    '## Method',
    '',
    methodNotes(results),
    '',
  ].join('\n');
  writeFileSync(join(outDir, `${name}.md`), markdown);
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote bench/results/${name}.md and .json in ${minutes.toFixed(1)} min`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
