/** The extension benchmark's table (stdout) and its markdown record (bench/results/extension-<date>.md). */
import type { Machine } from '../sync/machine';
import { sumBytes, sumGzip, type ChunkSize, type PopupSize } from './popup-size';

export interface Series {
  name: string;
  values: number[];
  median: number;
}

export interface BenchResult {
  date: string;
  machine: Machine & { chromium: string };
  runs: number;
  warmup: number;
  projects: number;
  people: Array<{ role: string; name: string; projects: number; items: number }>;
  popup: Record<string, { popup: Series; floor: Series; items: number }>;
  board: Series;
  boardFull: Series;
  peer: { bytes: number; projects: number; done: Series; apply: Series; read: Series; fetch: Series };
  size: PopupSize;
  loaded: string[];
}

export const GOALS = { popupMs: 100, popupVsFloor: 1.5, boardMs: 300, popupGzipKB: 150 } as const;

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB (${(bytes / 1024).toFixed(1)} KiB)`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
const spread = (s: Series): string => {
  const sorted = [...s.values].sort((a, b) => a - b);
  return `${ms(sorted[0] ?? Number.NaN)} – ${ms(sorted.at(-1) ?? Number.NaN)}`;
};

function chunkLines(title: string, chunks: readonly ChunkSize[]): string[] {
  return [
    `| ${title} | ${kb(sumBytes(chunks))} | **${kb(sumGzip(chunks))}** | ${chunks.map((c) => `${c.file.replace(/^chunks\//, '')} ${(c.gzip / 1000).toFixed(1)}`).join(', ')} |`,
  ];
}

export function renderReport(r: BenchResult): { table: string; markdown: string } {
  const firstGzip = sumGzip(r.size.firstPaint);
  const openGzip = firstGzip + sumGzip(r.size.afterPaint);
  const allGzip = openGzip + sumGzip(r.size.onDemand);
  const goalBytes = GOALS.popupGzipKB * 1000;

  const rows: string[] = [];
  for (const person of r.people) {
    const p = r.popup[person.role];
    if (!p) continue;
    rows.push(
      `| popup (${person.role}: ${person.projects} projects, ${p.items} lines) → checklist painted | ${ms(p.popup.median)} | floor ${ms(p.floor.median)} | ${ratio(p.popup.median, p.floor.median)} | ≤ ${GOALS.popupMs} ms: ${verdict(p.popup.median <= GOALS.popupMs)}; ≤ ${GOALS.popupVsFloor}× floor: ${verdict(p.popup.median <= GOALS.popupVsFloor * p.floor.median)} |`,
    );
  }
  rows.push(
    `| board (${r.projects} projects) → painted with every project | ${ms(r.board.median)} | one-document peer ${ms(r.peer.done.median)} | ${ratio(r.board.median, r.peer.done.median)} | ≤ ${GOALS.boardMs} ms: ${verdict(r.board.median <= GOALS.boardMs)} |`,
    `| board → rankings section painted | ${ms(r.boardFull.median)} | one-document peer ${ms(r.peer.done.median)} | ${ratio(r.boardFull.median, r.peer.done.median)} | — |`,
    `| popup JS gzip -9, before first paint | ${kb(firstGzip)} | — | — | ≤ ${GOALS.popupGzipKB} KB: ${verdict(firstGzip <= goalBytes)} |`,
    `| popup JS gzip -9, every opening (+ live documents) | ${kb(openGzip)} | — | — | ≤ ${GOALS.popupGzipKB} KB: ${verdict(openGzip <= goalBytes)} |`,
    `| popup JS gzip -9, all reachable (+ forms) | ${kb(allGzip)} | — | — | ≤ ${GOALS.popupGzipKB} KB: ${verdict(allGzip <= goalBytes)} |`,
  );
  const header = ['| measure | median | compared with | ratio | goal |', '|---|---|---|---|---|'];
  const table = [...header, ...rows].join('\n');

  const m = r.machine;
  const markdown = [
    `# Extension benchmark — ${r.date.slice(0, 10)}`,
    '',
    `Machine: ${m.cores} cores (nproc), ${m.model}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.chromium} (headless, new mode).`,
    `Runs: ${r.runs} measured after ${r.warmup} warm-up, interleaved (popup, floor, board, board complete, peer) in one browser per profile.`,
    `Data: the server's city demo (${r.projects} projects, a year of data), joined on the options page and synced into the profile; the`,
    'browser is restarted on that profile before measuring, so every opening reads Dexie/IndexedDB from disk-backed storage.',
    'The server (same process, same cores) is stopped before measuring: every page paints from local storage, then',
    'finds the server gone (offline), as a cadre on a train would.',
    '',
    table,
    '',
    '## Spread (min – max)',
    '',
    ...r.people.flatMap((person) => {
      const p = r.popup[person.role];
      return p ? [`- popup as ${person.role} (${person.name}): ${spread(p.popup)}; floor ${spread(p.floor)}`] : [];
    }),
    `- board painted with every project: ${spread(r.board)}; rankings: ${spread(r.boardFull)}`,
    `- one-document peer (${r.peer.projects} projects, ${kb(r.peer.bytes)} of Yjs state): navigation → loaded and read ${spread(r.peer.done)};` +
      ` inside the page, median fetch ${ms(r.peer.fetch.median)}, Y.applyUpdate ${ms(r.peer.apply.median)}, read every project ${ms(r.peer.read.median)}`,
    '',
    '## Popup JavaScript (gzip -9 per chunk)',
    '',
    '| part | raw | gzip | chunks (KB gzip) |',
    '|---|---|---|---|',
    ...chunkLines('before first paint (popup.html script, modulepreloads, static imports, one language)', r.size.firstPaint),
    ...chunkLines('right after first paint (live documents)', r.size.afterPaint),
    ...chunkLines('on demand (two-click forms, the other language)', r.size.onDemand),
    '',
    `Chromium requested these scripts for one opening, until its documents had loaded: ${r.loaded.map((f) => f.replace(/^chunks\//, '')).join(', ')}.`,
    '',
    '## Method',
    '',
    '- Painted = a probe injected before the page scripts (addInitScript) sees the selector in the DOM, then waits for the',
    '  next animation frame and one task; the time is `performance.now()` in the page, i.e. from navigation start.',
    '  Popup and floor: `.checklist`. Board: the pipeline\'s "合计 N 个项目" showing every project (N as read once fully',
    '  synced), and then also the rankings section (from the saved snapshot, or from live data on a first opening).',
    '- Floor: `floor-<role>.html`, a page of the same extension that renders the same `WorkspaceView` the popup paints',
    '  first, from the very Dexie rows the profile holds, inlined as JSON (esbuild bundle, React production build, the',
    "  popup's stylesheet). It has no Dexie, no IndexedDB and no lazy chunks: what is left is React + our components.",
    '- Peer: `peer.html`, the whole city (workspace and every project document of the demo server, records as nested',
    '  Y.Maps) as ONE Yjs document fetched from the extension package, applied to a fresh Y.Doc and every project read.',
    '  It draws nothing, so it is a lower bound for a board built on one document.',
    '- Size: chunks named by popup.html and their static imports (first paint), the `import()` of live-workspace and its',
    '  imports (every opening, after paint), the form chunks (on demand). KB = 1000 bytes.',
    '',
  ].join('\n');
  return { table, markdown };
}
