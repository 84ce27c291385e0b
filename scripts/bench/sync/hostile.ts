/**
 * Scenario "hostile" (issue #7 §2): one member token against the real server holding the city demo.
 *   1. big: P new project documents (ids the registry does not know), each given a valid project record and then one
 *      update as large as the server accepts (a frame just under 4 MiB) of ~100k+ keys in the project's problems map;
 *   2. trickle: 2.5 tiny updates per second in all, round-robin over those documents (each lands on a different big
 *      document, so no per-document debounce can fold them together), for T seconds;
 *   3. fake: F more new project documents, each only a valid project record, as fast as 20 at a time allow; then the
 *      workspace document's registry is read (via sync) until it stops changing, to count what got registered.
 * Throughout: GET /health every 100 ms, the server's VmRSS, close codes of every socket, and the server's own
 * counters (/metrics) and log lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { cpuSecondsOf, freePort, rssOf, startGuatu, type GuatuProcess } from './guatu-process';
import { busyCoresBetween, cpuTimes } from './machine-load';
import { startProbe, type ProbeSummary } from './probe';
import { loopBetween, readLoop, type ServerLoop } from './server-loop';
import { serverModules, type ServerModules } from './server-modules';
import { seedDemo } from './storm-fixture';
import { SocketClosed, SyncSocket } from './sync-socket';

export interface HostileOptions {
  serverRoot: string;
  projects: number;
  fakeProjects: number;
  trickleSeconds: number;
  /** Tiny updates per second, in all. */
  trickleRate: number;
  log(message: string): void;
}

export interface HostilePhase {
  seconds: number;
  health: ProbeSummary;
  /** Close codes (or "timeout"/"error") of sockets that did not do what they set out to, by code. */
  refusals: Record<string, number>;
  /** The server's counters that moved during the phase (/metrics, *_total). */
  counters: Record<string, number>;
  /** The server's own event-loop delay and HTTP timing over the phase (its /metrics). */
  serverLoop?: ServerLoop;
  rssAfterBytes: number;
  /** Cores the server used over the phase, and the rest of the machine (other sessions' work, not this bench's). */
  serverCores: number;
  otherCores: number;
}

export interface HostileResults {
  options: Omit<HostileOptions, 'log'>;
  member: { id: string; role: string };
  payload: { keys: number; updateBytes: number; frameBytes: number; initBytes: number };
  big: HostilePhase & { opened: number; bigFramesSent: number };
  trickle: HostilePhase & { sent: number; reconnects: number };
  fake: HostilePhase & { created: number };
  registry: { bigRegistered: number; fakeRegistered: number; pendingReview: number; readSeconds: number };
  peakRssBytes: number;
  serverLog: Record<string, number>;
}

const MAX_FRAME = 4 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bump = (table: Record<string, number>, error: unknown) => {
  const key = error instanceof SocketClosed ? String(error.code) : error instanceof Error && /no sync step 2/.test(error.message) ? 'timeout' : 'error';
  table[key] = (table[key] ?? 0) + 1;
};

/** One update of as many `<id>/description` keys as fit in a frame just under the server's 4 MiB limit. */
function junkUpdate(): { update: Uint8Array; keys: number } {
  const build = (n: number) => {
    const doc = new Y.Doc();
    doc.clientID = 0x5eed_0001;
    const map = doc.getMap<unknown>('problems');
    doc.transact(() => {
      for (let i = 0; i < n; i++) map.set(`j${i.toString(36)}/description`, `问题${i % 1000}`);
    });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  };
  const sample = 10_000;
  const perKey = build(sample).length / sample;
  let keys = Math.floor((MAX_FRAME - 4096) / perKey);
  let update = build(keys);
  while (update.length > MAX_FRAME - 1024) {
    keys = Math.floor(keys * 0.98);
    update = build(keys);
  }
  return { update, keys };
}

function projectInitUpdate(mods: ServerModules, projectId: string, name: string, memberId: string): Uint8Array {
  const doc = new Y.Doc();
  const result = mods.projectInit.initProject(doc, { id: projectId, name }, { memberId, at: Date.now() }, { locale: 'zh-CN' });
  if (!result.ok) throw new Error(`initProject refused: ${JSON.stringify(result.errors)}`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function tinyUpdate(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap<unknown>('project').set('progressNote', `主体施工第${n}天`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function counters(port: number): Promise<Record<string, number>> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(60_000) })).text();
    const out: Record<string, number> = {};
    for (const line of text.split('\n')) {
      const match = /^(guatu_sync_\w+_total(?:\{[^}]*\})?) (\S+)$/.exec(line);
      if (match?.[1]) out[match[1]] = Number(match[2]);
    }
    return out;
  } catch {
    return {};
  }
}

function moved(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) if (value !== (before[key] ?? 0)) out[key] = value - (before[key] ?? 0);
  return out;
}

/** Starts measuring CPU: the server's cores, and everything else busy on the machine minus this process. */
function meter(pid: number): () => { serverCores: number; otherCores: number } {
  const machine = cpuTimes();
  const server = cpuSecondsOf(pid);
  const self = process.cpuUsage();
  const start = performance.now();
  return () => {
    const seconds = (performance.now() - start) / 1000;
    const serverCores = (cpuSecondsOf(pid) - server) / seconds;
    const own = process.cpuUsage(self);
    const otherCores = Math.max(0, busyCoresBetween(machine, cpuTimes()) - serverCores - (own.user + own.system) / 1e6 / seconds);
    return { serverCores, otherCores };
  };
}

async function mintMember(mods: ServerModules, dataDir: string, workspaceId: string): Promise<{ id: string; role: string; token: string }> {
  const path = join(dataDir, mods.config.SQLITE_FILE_NAME);
  const store = mods.sqliteStore.openSqliteStore({ path });
  const accounts = mods.accountStore.openSqliteAccountStore(path);
  try {
    const doc = await mods.storeBundle.loadDoc(store, mods.docNames.workspaceDocName(workspaceId));
    if (!doc) throw new Error('no workspace document');
    const members = mods.result.validValues(mods.workspaceRead.readWorkspace(doc).members);
    doc.destroy();
    const member = members.find((m) => m.role === 'member' && !m.archived);
    if (!member) throw new Error('no active member in the demo');
    const issued = await mods.createAuth.createAuth({ store: accounts }).tokens.issue(workspaceId, member.id, member.role);
    if (!issued) throw new Error('no token');
    return { id: member.id, role: member.role, token: issued.token };
  } finally {
    await store.close();
    await accounts.close();
  }
}

/** Registry lines (raw keys `<projectId>/<field>` of the workspace document's registry map) per project id. */
async function readRegistry(url: string): Promise<Map<string, Map<string, unknown>>> {
  const doc = new Y.Doc();
  const socket = await SyncSocket.open(url, { doc });
  await socket.close();
  const out = new Map<string, Map<string, unknown>>();
  for (const [key, value] of doc.getMap<unknown>('registry').entries()) {
    const slash = key.indexOf('/');
    if (slash < 0) continue;
    const id = key.slice(0, slash);
    if (!out.has(id)) out.set(id, new Map());
    out.get(id)?.set(key.slice(slash + 1), value);
  }
  doc.destroy();
  return out;
}

export async function runHostile(options: HostileOptions): Promise<HostileResults> {
  const { log } = options;
  const work = mkdtempSync(join(tmpdir(), 'guatu-bench-hostile-'));
  let server: GuatuProcess | null = null;
  try {
    const dataDir = join(work, 'data');
    const mods = await serverModules(options.serverRoot);
    log('first start of the real server: creating the city demo');
    const { workspaceId } = await seedDemo(options.serverRoot, dataDir, await freePort());
    const member = await mintMember(mods, dataDir, workspaceId);
    const { projectDocName, workspaceDocName } = mods.docNames;
    const urlOf = (doc: string) => `ws://127.0.0.1:${port}/${doc}?token=${member.token}`;

    log('encoding the payloads');
    const junk = junkUpdate();
    const junkFrame = encodeSyncMessage(SyncMessageType.update, junk.update);
    const bigIds = Array.from({ length: options.projects }, (_, i) => `bench-big-${i}`);
    const fakeIds = Array.from({ length: options.fakeProjects }, (_, i) => `bench-fake-${i}`);
    const initFrame = new Map<string, Uint8Array>();
    for (const [i, id] of [...bigIds, ...fakeIds].entries()) {
      initFrame.set(id, encodeSyncMessage(SyncMessageType.update, projectInitUpdate(mods, id, `压测项目${i}`, member.id)));
    }
    const initBytes = initFrame.get(bigIds[0] ?? fakeIds[0] ?? '')?.length ?? 0;
    log(`big update: ${junk.keys.toLocaleString('en-US')} keys, ${(junkFrame.length / 2 ** 20).toFixed(2)} MiB frame; project record ${initBytes} bytes`);

    const port = await freePort();
    server = await startGuatu({ root: options.serverRoot, dataDir, port });
    const pid = server.pid;
    await sleep(1000);
    let peakRss = rssOf(pid);
    const track = (summary: ProbeSummary) => {
      if (summary.peakRssBytes > peakRss || !Number.isFinite(peakRss)) peakRss = summary.peakRssBytes;
      return summary;
    };

    // 1. big updates on new project documents, all at once
    let before = await counters(port);
    let loopBefore = await readLoop(port);
    let probe = startProbe(port, pid);
    let cpu = meter(pid);
    let start = performance.now();
    const bigRefusals: Record<string, number> = {};
    let bigFramesSent = 0;
    const sockets = new Map<string, SyncSocket>();
    await Promise.all(
      bigIds.map(async (id) => {
        try {
          const socket = await SyncSocket.open(urlOf(projectDocName(workspaceId, ProjectIdSchema.parse(id))));
          sockets.set(id, socket);
          await socket.send(initFrame.get(id) ?? new Uint8Array());
          await socket.send(junkFrame);
          bigFramesSent++;
          await socket.roundTrip(600_000);
        } catch (error) {
          bump(bigRefusals, error);
        }
      }),
    );
    const bigSeconds = (performance.now() - start) / 1000;
    await sleep(2000);
    const big = {
      seconds: bigSeconds,
      opened: sockets.size,
      bigFramesSent,
      refusals: bigRefusals,
      health: track(await probe.stop()),
      counters: moved(await counters(port), before),
      serverLoop: loopBetween(loopBefore, await readLoop(port)),
      rssAfterBytes: rssOf(pid),
      ...cpu(),
    };
    log(
      `big: ${big.bigFramesSent}/${options.projects} big frames sent in ${bigSeconds.toFixed(1)} s, refusals ${JSON.stringify(big.refusals)}, /health p95 ${big.health.p95Ms.toFixed(0)} ms max ${big.health.maxMs.toFixed(0)} ms, peak RSS ${(big.health.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );

    // 2. the trickle: tiny updates round-robin over the big documents; a closed socket is reopened, as a client would
    before = await counters(port);
    loopBefore = await readLoop(port);
    probe = startProbe(port, pid);
    cpu = meter(pid);
    start = performance.now();
    const trickleRefusals: Record<string, number> = {};
    let sent = 0;
    let reconnects = 0;
    const reopening = new Set<string>();
    // sockets the big phase already saw closed were counted there
    const counted = new Set<SyncSocket>([...sockets.values()].filter((socket) => socket.closeCode !== null));
    const sends: Array<Promise<void>> = [];
    for (let n = 0; performance.now() - start < options.trickleSeconds * 1000; n++) {
      const id = bigIds[n % bigIds.length] ?? '';
      const socket = sockets.get(id);
      if (socket?.isOpen) {
        sends.push(
          socket.send(encodeSyncMessage(SyncMessageType.update, tinyUpdate(n))).then(
            () => void sent++,
            (error) => bump(trickleRefusals, error),
          ),
        );
      } else if (!reopening.has(id)) {
        if (socket && socket.closeCode !== null && !counted.has(socket)) {
          counted.add(socket);
          bump(trickleRefusals, new SocketClosed(socket.closeCode));
        }
        reopening.add(id);
        reconnects++;
        sends.push(
          SyncSocket.open(urlOf(projectDocName(workspaceId, ProjectIdSchema.parse(id))))
            .then(
              (fresh) => void sockets.set(id, fresh),
              (error) => bump(trickleRefusals, error),
            )
            .finally(() => reopening.delete(id)),
        );
      }
      await sleep(1000 / options.trickleRate);
    }
    await Promise.all(sends);
    const trickle = {
      seconds: (performance.now() - start) / 1000,
      sent,
      reconnects,
      refusals: trickleRefusals,
      health: track(await probe.stop()),
      counters: moved(await counters(port), before),
      serverLoop: loopBetween(loopBefore, await readLoop(port)),
      rssAfterBytes: rssOf(pid),
      ...cpu(),
    };
    log(
      `trickle: ${sent} tiny updates in ${trickle.seconds.toFixed(0)} s, ${reconnects} reopens, refusals ${JSON.stringify(trickleRefusals)}, /health p95 ${trickle.health.p95Ms.toFixed(0)} ms max ${trickle.health.maxMs.toFixed(0)} ms`,
    );
    await Promise.all([...sockets.values()].map((s) => s.close()));

    // 3. fake projects, 20 at a time
    before = await counters(port);
    loopBefore = await readLoop(port);
    probe = startProbe(port, pid);
    cpu = meter(pid);
    start = performance.now();
    const fakeRefusals: Record<string, number> = {};
    let created = 0;
    const queue = [...fakeIds];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const socket = await SyncSocket.open(urlOf(projectDocName(workspaceId, ProjectIdSchema.parse(id))));
            await socket.send(initFrame.get(id) ?? new Uint8Array());
            await socket.roundTrip();
            await socket.close();
            created++;
          } catch (error) {
            bump(fakeRefusals, error);
          }
        }
      }),
    );
    const fakeSeconds = (performance.now() - start) / 1000;
    // registration follows the stored update after a debounce: read the registry until it stops changing
    const readStart = performance.now();
    let registry = new Map<string, Map<string, unknown>>();
    let lastCount = -1;
    let stable = 0;
    while (stable < 3 && performance.now() - readStart < 60_000) {
      await sleep(1000);
      try {
        registry = await readRegistry(urlOf(workspaceDocName(workspaceId)));
      } catch (error) {
        log(`reading the registry failed: ${String(error)}`);
        continue;
      }
      const count = [...registry.keys()].filter((id) => id.startsWith('bench-')).length;
      stable = count === lastCount ? stable + 1 : 0;
      lastCount = count;
    }
    const fake = {
      seconds: fakeSeconds,
      created,
      refusals: fakeRefusals,
      health: track(await probe.stop()),
      counters: moved(await counters(port), before),
      serverLoop: loopBetween(loopBefore, await readLoop(port)),
      rssAfterBytes: rssOf(pid),
      ...cpu(),
    };
    const registered = (ids: string[]) => ids.filter((id) => registry.has(id)).length;
    const pendingReview = [...bigIds, ...fakeIds].filter((id) => registry.get(id)?.get('confirmed') === false).length;
    const registryResult = {
      bigRegistered: registered(bigIds),
      fakeRegistered: registered(fakeIds),
      pendingReview,
      readSeconds: (performance.now() - readStart) / 1000,
    };
    log(
      `fake: ${created}/${options.fakeProjects} created in ${fakeSeconds.toFixed(1)} s, refusals ${JSON.stringify(fakeRefusals)}; registered: ${registryResult.fakeRegistered} fake, ${registryResult.bigRegistered} big (${pendingReview} pending review)`,
    );

    const { log: _log, ...plainOptions } = options;
    return {
      options: plainOptions,
      member: { id: member.id, role: member.role },
      payload: { keys: junk.keys, updateBytes: junk.update.length, frameBytes: junkFrame.length, initBytes },
      big,
      trickle,
      fake,
      registry: registryResult,
      peakRssBytes: peakRss,
      serverLog: server.logCounts(),
    };
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
