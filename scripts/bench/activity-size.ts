/**
 * Activity-size benchmark (issue #13 "Size"): one hot project document after 50,000 edits through the model, the
 * activity stream kept whole (the behaviour before the window) against the window (the newest ACTIVITY_WINDOW
 * entries). For each: the encoded document, the stored log, and cold load as bench:sync measures it (sync/cold-load.ts:
 * a fresh server process loads the document from SQLite, with a snapshot and without, until the first client holds
 * it; and the floor, applying the merged state and encoding the sync reply). Writes
 * bench/results/activity-size-<date>.md.
 *
 *   npm run bench:activity-size                       (5 repetitions of the cold loads; about 10 minutes on 2 cores)
 *   npm run bench:activity-size -- --runs 3 --edits 20000
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ACTIVITY_WINDOW, activityArray } from '../../shared/model/activity';
import { hotProjectHistory, type ActivityMode, type HotProjectHistory } from './activity-size/hot-project';
import { serverApplyCost, type ServerApplyCost } from './activity-size/server-apply';
import { COLD_DOCS, floorColdLoad, oursColdLoad, seedColdFixture, type ColdFixture } from './sync/cold-load';
import { describeMachine } from './sync/machine';
import { sampleMachineLoad, type MachineLoad } from './sync/machine-load';
import { median } from './sync/stats';

const COMPACT_EVERY = 500;
/** The last updates of the history timed one by one as the server applies them. */
const HOT_EDITS = 200;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const runs = option('runs', 5);
const edits = option('edits', 50_000);
if (edits % COMPACT_EVERY !== 0) throw new Error(`--edits must be a multiple of ${COMPACT_EVERY} (the server compacts every ${COMPACT_EVERY} updates)`);

function log(message: string): void {
  console.log(`[bench:activity-size ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function describeLoad(load: MachineLoad): string {
  const busy = load.busyShare === null ? 'unknown' : `${(load.busyShare * 100).toFixed(0)} % of cores busy`;
  return `load average ${load.loadAverage}, ${busy}`;
}

function commitOf(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

interface Measured {
  mode: ActivityMode;
  history: HotProjectHistory;
  fixture: ColdFixture;
  activityEntries: number;
  logBytes: number;
  buildMs: number;
  hot: ServerApplyCost;
  floorMs: number[];
  compactedMs: number[];
  uncompactedMs: number[];
  replyBytes: number;
}

const LABEL: Record<ActivityMode, string> = { 'keep-all': 'before: every entry kept', window: `after: newest ${ACTIVITY_WINDOW} kept` };

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;
const ms = (values: readonly number[]): string => `${median(values).toFixed(0)} ms`;
const spread = (values: readonly number[]): string => values.map((v) => v.toFixed(0)).join(', ');

function render(
  results: readonly Measured[],
  machine: ReturnType<typeof describeMachine>,
  loads: { before: MachineLoad; after: MachineLoad },
  minutes: number,
): string {
  const [before, after] = results;
  const ratio = (pick: (m: Measured) => number): string => (before && after ? `${(pick(before) / pick(after)).toFixed(1)}×` : '—');
  const rows = results.map(
    (m) =>
      `| ${LABEL[m.mode]} | ${mb(m.fixture.stateBytes)} | ${m.activityEntries} | ${mb(m.logBytes)} | ${ms(m.compactedMs)} | ${ms(m.uncompactedMs)} | ${ms(m.floorMs)} | ${mb(m.replyBytes)} |`,
  );
  const history = results[0]?.history;
  const mix = history
    ? Object.entries(history.mix)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : '';
  return [
    `# bench:activity-size ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${machine.cores} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${describeLoad(loads.before)} before the run, ${describeLoad(loads.after)} after (shared with other work: timings are noisy). Commit: ${commitOf()}. Command: \`npm run bench:activity-size -- --runs ${runs} --edits ${edits}\` (${minutes.toFixed(1)} min).`,
    '',
    `One county demo project written through the model, then ${edits.toLocaleString('en-US')} stored updates in all, one model call each (${history?.edits ?? 0} calls: ${mix}; ${history?.refused ?? 0} refused), by three cadres taking turns three minutes apart. "Before" runs the same calls on a document whose activity array ignores deletions (appendActivity as it was: push only).`,
    '',
    `| activity stream | encoded document | entries in the stream | stored log (all updates) | cold load, snapshot (median) | cold load, ${edits.toLocaleString('en-US')} updates, no snapshot (median) | floor: apply + encode the merged state (median) | sync reply |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Before / after: encoded document ${ratio((m) => m.fixture.stateBytes)}, cold load with a snapshot ${ratio((m) => median(m.compactedMs))}, without ${ratio((m) => median(m.uncompactedMs))}, floor ${ratio((m) => median(m.floorMs))}.`,
    '',
    `One more edit at the server (the last ${HOT_EDITS} updates applied one by one to a document holding the rest, median): apply + reading the change for the write rules as the room does now, and the event delta over the whole activity list that the room read array changes from before the window (every item walked, tombstones included):`,
    '',
    '| activity stream | apply + appliedChange | the former list delta |',
    '| --- | --- | --- |',
    ...results.map((m) => `| ${LABEL[m.mode]} | ${m.hot.applyMs.toFixed(3)} ms | ${m.hot.listDeltaMs.toFixed(3)} ms |`),
    '',
    `Cold loads are medians of ${runs} runs, each in a fresh server process (scripts/bench/sync/cold-load.ts, as bench:sync): "snapshot" is the document compacted every ${COMPACT_EVERY} updates as the server does (one snapshot at the last update), "no snapshot" applies every stored update; the time is from the client's socket opening to holding the whole document. Every run (ms):`,
    '',
    ...results.map((m) => `- ${LABEL[m.mode]}: snapshot ${spread(m.compactedMs)}; no snapshot ${spread(m.uncompactedMs)}; floor ${spread(m.floorMs)}`),
    '',
  ].join('\n');
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'guatu-bench-activity-'));
try {
  const machine = describeMachine();
  const loadBefore = await sampleMachineLoad();
  log(`${machine.cores} cores (${machine.model}), Node ${machine.node}; ${describeLoad(loadBefore)}; ${edits} updates, ${runs} run(s)`);
  const results: Measured[] = [];
  for (const mode of ['keep-all', 'window'] as const) {
    const t0 = performance.now();
    const history = hotProjectHistory(edits, mode);
    const dir = join(work, mode);
    mkdirSync(dir);
    const fixture = await seedColdFixture(dir, history.updates, COMPACT_EVERY);
    const doc = new Y.Doc();
    for (const update of history.updates) Y.applyUpdate(doc, update);
    const activityEntries = activityArray(doc).length;
    doc.destroy();
    const logBytes = history.updates.reduce((sum, u) => sum + u.length, 0);
    const buildMs = performance.now() - t0;
    const hot = serverApplyCost(history.updates, HOT_EDITS);
    log(
      `${LABEL[mode]}: ${history.edits} model calls (${history.refused} refused), document ${fixture.stateBytes} bytes, ${activityEntries} entries, log ${logBytes} bytes (${(buildMs / 1000).toFixed(0)} s)`,
    );
    results.push({ mode, history, fixture, activityEntries, logBytes, buildMs, hot, floorMs: [], compactedMs: [], uncompactedMs: [], replyBytes: 0 });
  }
  for (let run = 0; run < runs; run++) {
    for (const m of results) {
      const floor = await floorColdLoad(m.fixture);
      const compacted = await oursColdLoad(m.fixture, COLD_DOCS.compacted);
      const uncompacted = await oursColdLoad(m.fixture, COLD_DOCS.uncompacted);
      m.floorMs.push(floor);
      m.compactedMs.push(compacted.ms);
      m.uncompactedMs.push(uncompacted.ms);
      m.replyBytes = compacted.bytes;
      log(
        `run ${run + 1} ${m.mode}: snapshot ${compacted.ms.toFixed(0)} ms, no snapshot ${uncompacted.ms.toFixed(0)} ms, floor ${floor.toFixed(0)} ms (reply ${compacted.bytes} bytes)`,
      );
    }
  }
  const loadAfter = await sampleMachineLoad();
  const report = render(results, machine, { before: loadBefore, after: loadAfter }, (performance.now() - started) / 60_000);
  console.log(`\n${report}`);
  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `activity-size-${new Date().toISOString().slice(0, 10)}.md`);
  writeFileSync(file, report);
  log(`written ${file}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
