/**
 * `npm run bench:extension [-- --runs 15]`: the extension's speed in Debian's Chromium, side by side in one run.
 * - popup: navigation → checklist painted from Dexie, with the city demo stored locally, vs the floor (the same
 *   components over inline JSON in the same browser); goals ≤ 100 ms median and ≤ 1.5× the floor;
 * - board: navigation → painted with all 1000 projects, vs the peer (the whole city as one Yjs document); goal ≤ 300 ms;
 * - popup JavaScript, gzip -9: goal ≤ 150 KB.
 * Prints a table and writes bench/results/extension-<date>.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, launchProfile, type Profile } from '../browser/chromium';
import { BOARD_VIEWPORT, POPUP_VIEWPORT } from '../browser/extension-pages';
import { describeMachine } from './sync/machine';
import { median } from './sync/stats';
import { BENCH_DIR, BUILT_DIR, ROOT, prepareBenchExtension, writeFloorPage } from './extension/bench-extension-dir';
import { buildCityDocument } from './extension/city-document';
import { startCityServer } from './extension/city-server';
import { measurePaint, measurePeer, type PeerTimes } from './extension/measure';
import { measurePopupSize } from './extension/popup-size';
import { renderReport, type BenchResult, type Series } from './extension/report';
import { seedProfile } from './extension/seed-profile';
import { loadedScripts } from './extension/loaded-scripts';

function argRuns(): number {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 15;
  return Number.isInteger(n) && n > 0 ? n : 15;
}

const WARMUP = 3;

function series(name: string, values: number[]): Series {
  return { name, values, median: median(values) };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  const runs = argRuns();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);

  log('building the extension (wxt build, production)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = measurePopupSize(BUILT_DIR);

  log('starting the server with the city demo…');
  const server = await startCityServer();
  const profiles: Profile[] = [];
  const dirs = new Map<string, string>();
  let serverClosed = false;
  let boardTotal = '';
  try {
    log(`  ${server.projects} projects, seeded in ${server.seedSeconds.toFixed(1)} s; building the one-document peer…`);
    const city = await buildCityDocument(server.app.store, server.workspaceId);
    await prepareBenchExtension(city.update);

    const people = (['member', 'leader'] as const).map((role) => ({ role, ...server.invite(role) }));
    for (const person of people) {
      log(`seeding a profile as the ${person.role} (${person.name}, ${person.projects} projects)…`);
      const profile = await launchProfile(`bench-${person.role}`, { extensionDir: BENCH_DIR });
      const seeded = await seedProfile(profile, server.url, person.code);
      writeFloorPage(person.role, seeded.rows);
      boardTotal = seeded.boardTotal;
      dirs.set(person.role, profile.userDataDir);
      await profile.close();
    }

    // The server runs in this process, on the same two cores as the browser; a cadre's server runs elsewhere. Every
    // measured paint comes from the profile's own storage, so the server is stopped before measuring: the pages
    // try to connect after painting and find it gone, as on a train.
    await server.close();
    serverClosed = true;

    const popup: Record<string, { popup: Series; floor: Series; items: number }> = {};
    let board: Series | null = null;
    let boardFull: Series | null = null;
    const peer: PeerTimes[] = [];
    let loaded: string[] = [];
    for (const person of people) {
      log(`measuring as the ${person.role}: ${WARMUP} warm-up + ${runs} runs…`);
      const profile = await launchProfile(`bench-${person.role}`, { extensionDir: BENCH_DIR, userDataDir: dirs.get(person.role)! });
      profiles.push(profile);
      const p = (path: string) => profile.url(path);
      const popupOpening = { url: p('popup.html'), painted: [{ selector: '.checklist' }], viewport: POPUP_VIEWPORT };
      const floorOpening = { url: p(`floor-${person.role}.html`), painted: [{ selector: '.checklist' }], viewport: POPUP_VIEWPORT };
      // The board paints in steps (empty documents, then IndexedDB, then the deferred pass): painted means the
      // pipeline counts every project, as it did once fully synced.
      const allProjects = { selector: '.pipeline-total', text: boardTotal };
      const boardOpening = { url: p('board.html'), painted: [allProjects], viewport: BOARD_VIEWPORT };
      const fullOpening = { url: p('board.html'), painted: [allProjects, { selector: 'section[aria-labelledby="board-rankings"]' }], viewport: BOARD_VIEWPORT };
      const withBoard = person.role === 'leader';
      const popupTimes: number[] = [];
      const floorTimes: number[] = [];
      const boardTimes: number[] = [];
      const fullTimes: number[] = [];
      for (let i = 0; i < WARMUP + runs; i++) {
        const keep = i >= WARMUP;
        // Interleaved, so drift on the machine touches each side alike.
        const a = await measurePaint(profile.context, popupOpening);
        const b = await measurePaint(profile.context, floorOpening);
        if (keep) {
          popupTimes.push(a.paintedAt);
          floorTimes.push(b.paintedAt);
        }
        if (withBoard) {
          const c = await measurePaint(profile.context, boardOpening);
          const d = await measurePaint(profile.context, fullOpening);
          const e = await measurePeer(profile.context, p('peer/peer.html'));
          if (keep) {
            boardTimes.push(c.paintedAt);
            fullTimes.push(d.paintedAt);
            peer.push(e);
          }
        }
      }
      const items = await countItems(profile);
      popup[person.role] = { popup: series('popup', popupTimes), floor: series('floor', floorTimes), items };
      if (withBoard) {
        board = series('board', boardTimes);
        boardFull = series('board complete', fullTimes);
        loaded = await loadedScripts(profile);
      }
      await profile.close();
    }

    const chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { ...describeMachine(), chromium },
      runs,
      warmup: WARMUP,
      projects: server.projects,
      people: people.map((p) => ({ role: p.role, name: p.name, projects: p.projects, items: popup[p.role]?.items ?? 0 })),
      popup,
      board: board!,
      boardFull: boardFull!,
      peer: {
        bytes: peer[0]?.bytes ?? 0,
        projects: peer[0]?.projects ?? 0,
        done: series(
          'peer',
          peer.map((x) => x.doneAt),
        ),
        apply: series(
          'apply',
          peer.map((x) => x.applyMs),
        ),
        read: series(
          'read',
          peer.map((x) => x.readMs),
        ),
        fetch: series(
          'fetch',
          peer.map((x) => x.fetchMs),
        ),
      },
      size,
      loaded,
    };
    const { table, markdown } = renderReport(result);
    process.stdout.write(`${table}\n`);
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `extension-${result.date.slice(0, 10)}.md`);
    writeFileSync(file, markdown);
    log(`written ${file}`);
  } finally {
    for (const p of profiles) await p.dispose().catch(() => {});
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
    if (!serverClosed) await server.close();
  }
}

/** How many checklist lines the popup shows (items and projects), to say how big the painted page was. */
async function countItems(profile: Profile): Promise<number> {
  const page = await profile.open('popup.html', POPUP_VIEWPORT);
  await page.locator('.checklist').waitFor();
  const n = await page.locator('.checklist li').count();
  await page.close();
  return n;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
