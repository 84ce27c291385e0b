/**
 * `npm run bench:sync -- --scenario storm|hostile [options] [--no-write]`: the issue #7 §2 scenarios
 * against the real server (server/main.ts as a child process). Writes bench/results/sync-<scenario>-<date>.md/.json
 * unless --no-write (reduced runs write a "-small" file instead of overwriting a full one).
 *
 *   storm:   --clients 1000 --runs 1 --timeout 120 (s) --hold 25 (s)
 *   hostile: --projects 45 --trickle 30 (s) --trickle-rate 2.5 (/s) --fake 200
 *   both:    --label L  results go to sync-<scenario>-<date>-L.md (e.g. before-<commit>), so runs do not overwrite each other
 *            --server-root DIR  run the server from another checkout (default this one), e.g. main while this tree
 *            holds unfinished fixes:  git archive HEAD | tar -x -C /tmp/guatu-head && ln -s "$PWD/node_modules"
 *            /tmp/guatu-head/ && git rev-parse --short HEAD > /tmp/guatu-head/.bench-commit
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runHostile } from './hostile';
import { describeMachine } from './machine';
import { sampleMachineLoad, type MachineLoad } from './machine-load';
import { renderHostile, renderStorm, type ScenarioHeader } from './scenario-report';
import { describeServerRoot, REPO_ROOT } from './server-modules';
import { runStorm } from './storm';

function log(message: string): void {
  console.log(`[bench:sync ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

function intOption(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} wants a positive integer, got ${raw}`);
  return value;
}

function numOption(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} wants a positive number, got ${raw}`);
  return value;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export async function runScenario(args: readonly string[]): Promise<void> {
  const scenario = option(args, '--scenario');
  if (scenario !== 'storm' && scenario !== 'hostile') throw new Error(`--scenario wants storm or hostile, got ${scenario}`);
  const started = performance.now();
  const machine = describeMachine();
  const serverRoot = resolve(option(args, '--server-root') ?? REPO_ROOT);
  const server = describeServerRoot(serverRoot);
  const git = { commit: gitCommit(), dirty: server.dirty, repoRoot: REPO_ROOT, server };
  log(
    `${scenario}: ${machine.cores} cores (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}; server ${serverRoot} at ${server.commit}${server.dirty ? ' + uncommitted server/shared changes' : ''}`,
  );
  const loadBefore = await sampleMachineLoad();
  log(`machine before the run: load average ${loadBefore.loadAverage}, ${((loadBefore.busyShare ?? Number.NaN) * 100).toFixed(0)} % of cores busy`);
  const header = (loadAfter: MachineLoad): ScenarioHeader => ({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench:sync -- ${args.join(' ')}`,
    ...git,
    machine,
    loadBefore,
    loadAfter,
    minutes: (performance.now() - started) / 60_000,
  });

  const labelText = option(args, '--label');
  if (labelText !== undefined && !/^[A-Za-z0-9_.-]+$/.test(labelText)) throw new Error(`--label wants letters, digits, . _ -, got ${labelText}`);
  const label = labelText === undefined ? '' : `-${labelText}`;
  let name: string;
  let markdown: string;
  let json: unknown;
  if (scenario === 'storm') {
    const clients = intOption(args, '--clients', 1000);
    const results = await runStorm({
      serverRoot,
      clients,
      runs: intOption(args, '--runs', 1),
      timeoutMs: intOption(args, '--timeout', 120) * 1000,
      holdMs: intOption(args, '--hold', 25) * 1000,
      log,
    });
    const head = header(await sampleMachineLoad());
    name = `sync-storm-${head.date}${label}${clients < 1000 ? '-small' : ''}`;
    markdown = renderStorm(head, results, name);
    json = { ...head, ...results };
  } else {
    const projects = intOption(args, '--projects', 45);
    const results = await runHostile({
      serverRoot,
      projects,
      fakeProjects: intOption(args, '--fake', 200),
      trickleSeconds: intOption(args, '--trickle', 30),
      trickleRate: numOption(args, '--trickle-rate', 2.5),
      log,
    });
    const head = header(await sampleMachineLoad());
    name = `sync-hostile-${head.date}${label}${projects < 45 ? '-small' : ''}`;
    markdown = renderHostile(head, results, name);
    json = { ...head, ...results };
  }
  console.log(`\n${markdown}`);
  if (args.includes('--no-write')) return;
  const outDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.md`), markdown);
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote bench/results/${name}.md and .json`);
}
