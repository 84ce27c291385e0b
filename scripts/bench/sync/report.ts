/**
 * The summary table (medians of the repetitions, ratios against the official server) as Markdown, for the console
 * and for bench/results/sync-<date>.md.
 */
import type { SaturationRun, SaturationStep } from './latency';
import type { SyncBenchResults, PerServer } from './results';
import { SERVER_KINDS, type ServerKind } from './running-server';
import { median } from './stats';

interface Row {
  metric: string;
  unit: string;
  values: Record<ServerKind, number | null>;
  /** Goal on ours ÷ official: at most (≤) or at least (≥) this ratio. */
  goal?: { op: '≤' | '≥'; ratio: number };
  digits?: number;
  /** A ratio means nothing here (e.g. other people's CPU use). */
  noRatio?: boolean;
}

function medians<T>(runs: PerServer<T>, pick: (run: T) => number): Record<ServerKind, number | null> {
  const out = { ours: null, official: null, relay: null } as Record<ServerKind, number | null>;
  for (const kind of SERVER_KINDS) out[kind] = runs[kind].length > 0 ? median(runs[kind].map(pick)) : null;
  return out;
}

function bestStep(run: SaturationRun): SaturationStep | undefined {
  return [...run.steps].sort((a, b) => b.deliveredPerSecond - a.deliveredPerSecond)[0];
}

function format(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratioCell(row: Row): { ratio: string; verdict: string } {
  const ours = row.values.ours;
  const official = row.values.official;
  if (row.noRatio) return { ratio: '', verdict: '' };
  if (ours === null || official === null || !Number.isFinite(ours) || !Number.isFinite(official) || official === 0) {
    return { ratio: 'n/a', verdict: row.goal ? 'n/a' : '' };
  }
  const ratio = ours / official;
  if (!row.goal) return { ratio: `${ratio.toFixed(2)}×`, verdict: '' };
  const met = row.goal.op === '≤' ? ratio <= row.goal.ratio : ratio >= row.goal.ratio;
  return { ratio: `${ratio.toFixed(2)}×`, verdict: `${row.goal.op} ${row.goal.ratio}× — ${met ? 'met' : 'missed'}` };
}

export function summaryRows(results: SyncBenchResults): Row[] {
  const rows: Row[] = [];
  for (const scenario of results.latency) {
    const label = `${scenario.shape.rooms * scenario.shape.clientsPerRoom} clients / ${scenario.shape.rooms} rooms, ${scenario.editsPerSecond} edits/s`;
    rows.push({ metric: `Edit→peer latency p50, ${label}`, unit: 'ms', values: medians(scenario.runs, (r) => r.p50), digits: 2 });
    rows.push({
      metric: `Edit→peer latency p99, ${label}`,
      unit: 'ms',
      values: medians(scenario.runs, (r) => r.p99),
      goal: { op: '≤', ratio: 0.5 },
      digits: 2,
    });
    rows.push({
      metric: `Deliveries arrived, ${label}`,
      unit: '%',
      values: medians(scenario.runs, (r) => (100 * r.deliveredOfWindow) / Math.max(1, r.expectedDeliveries)),
      digits: 2,
    });
    rows.push({ metric: `Server CPU, ${label}`, unit: 'cores', values: medians(scenario.runs, (r) => r.serverCpu), digits: 2 });
    rows.push({ metric: `Load generator CPU, ${label}`, unit: 'cores', values: medians(scenario.runs, (r) => r.loadCpu), digits: 2 });
    rows.push({
      metric: `Other work on the machine meanwhile, ${label}`,
      unit: 'cores',
      values: medians(scenario.runs, (r) => r.otherCpu),
      digits: 2,
      noRatio: true,
    });
  }
  const sat = results.saturation;
  rows.push({
    metric: `Max updates delivered/s, ${sat.shape.rooms * sat.shape.clientsPerRoom} clients / ${sat.shape.rooms} rooms`,
    unit: '/s',
    values: medians(sat.runs, (r) => r.maxDeliveredPerSecond),
    goal: { op: '≥', ratio: 2 },
    digits: 0,
  });
  rows.push({
    metric: 'Other work on the machine during the best saturation step',
    unit: 'cores',
    values: medians(sat.runs, (r) => bestStep(r)?.otherCpu ?? Number.NaN),
    digits: 2,
    noRatio: true,
  });
  const conn = results.memory.connections;
  rows.push({
    metric: `Memory per idle connection, heap+external (${conn.rooms * conn.perRoom} connections)`,
    unit: 'KiB',
    values: medians(conn.runs, (r) => r.heapPerUnit / 1024),
  });
  rows.push({ metric: 'Memory per idle connection, RSS', unit: 'KiB', values: medians(conn.runs, (r) => r.rssPerUnit / 1024) });
  const docs = results.memory.documents;
  rows.push({
    metric: `Memory per loaded document, heap+external (${docs.count} demo project documents, ${(docs.averageStateBytes / 1024).toFixed(1)} KiB state each)`,
    unit: 'KiB',
    values: medians(docs.runs, (r) => r.heapPerUnit / 1024),
    goal: { op: '≤', ratio: 0.5 },
  });
  rows.push({ metric: 'Memory per loaded document, RSS', unit: 'KiB', values: medians(docs.runs, (r) => r.rssPerUnit / 1024) });
  return rows;
}

export function renderSummary(results: SyncBenchResults): string {
  const lines = ['| metric | unit | ours | official | bare relay | ours ÷ official | goal |', '|---|---|---:|---:|---:|---:|---|'];
  for (const row of summaryRows(results)) {
    const { ratio, verdict } = ratioCell(row);
    const cells = SERVER_KINDS.map((kind) => format(row.values[kind], row.digits));
    lines.push(`| ${row.metric} | ${row.unit} | ${cells.join(' | ')} | ${ratio} | ${verdict} |`);
  }
  return lines.join('\n');
}

export function renderColdLoad(results: SyncBenchResults): string {
  const { cold } = results;
  const floor = median(cold.floorMs);
  const line = (label: string, values: number[], goal: boolean) => {
    const ms = median(values);
    const ratio = ms / floor;
    const verdict = goal ? `≤ 1.2× — ${ratio <= 1.2 ? 'met' : 'missed'}` : '';
    return `| ${label} | ${format(ms)} | ${ratio.toFixed(2)}× | ${verdict} |`;
  };
  return [
    `Project document with ${cold.fixture.updates.toLocaleString('en-US')} stored updates (merged state ${(cold.fixture.stateBytes / 1024).toFixed(0)} KiB).`,
    '',
    '| load | ms (median) | ÷ floor | goal |',
    '|---|---:|---:|---|',
    `| floor: Y.applyUpdate of one merged update into a fresh Y.Doc + encode the sync reply | ${format(floor)} | 1.00× | |`,
    line(`ours, SQLite, compacted every ${cold.fixture.compactEvery} as the server does (snapshot + 0 rows): connect → synced`, cold.compactedMs, true),
    line('ours, SQLite, never compacted (all rows merged at load): connect → synced', cold.uncompactedMs, true),
    '| official (@y/websocket-server 0.1.1) | n/a | n/a | no persistence in this mode: its documents live only in memory, so there is nothing to load cold (YPERSISTENCE=y-leveldb would be a different server) |',
  ].join('\n');
}

/** Ours with SQLite in memory next to ours as deployed and the official server: what durability costs. */
export function renderDiagnostics(results: SyncBenchResults): string {
  const { diagnostics, latency, saturation } = results;
  const large = latency.find((scenario) => scenario.label === diagnostics.latency.label);
  const row = (label: string, inMemory: number[], ours: number[], official: number[], digits = 2) =>
    `| ${label} | ${format(median(inMemory), digits)} | ${format(median(ours), digits)} | ${format(median(official), digits)} |`;
  return [
    'The same server with its SQLite store in memory (`:memory:`): nothing is durable, so this is not a deployable',
    'configuration; it shows how much of the gap is the per-edit durable append (hash chain + WAL write) rather than',
    'the sync path.',
    '',
    '| metric | ours, SQLite in memory | ours, SQLite file | official |',
    '|---|---:|---:|---:|',
    row(
      'Edit→peer latency p50, large scenario (ms)',
      diagnostics.latency.runs.map((r) => r.p50),
      large?.runs.ours.map((r) => r.p50) ?? [],
      large?.runs.official.map((r) => r.p50) ?? [],
    ),
    row(
      'Edit→peer latency p99, large scenario (ms)',
      diagnostics.latency.runs.map((r) => r.p99),
      large?.runs.ours.map((r) => r.p99) ?? [],
      large?.runs.official.map((r) => r.p99) ?? [],
    ),
    row(
      'Max updates delivered/s',
      diagnostics.saturation.map((r) => r.maxDeliveredPerSecond),
      saturation.runs.ours.map((r) => r.maxDeliveredPerSecond),
      saturation.runs.official.map((r) => r.maxDeliveredPerSecond),
      0,
    ),
  ].join('\n');
}
