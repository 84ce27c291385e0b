/** Markdown for the storm and hostile scenarios' result files. */
import type { HostilePhase, HostileResults } from './hostile';
import type { MachineLoad } from './machine-load';
import type { Machine } from './machine';
import { median } from './stats';
import type { StormPhase, StormResults, StormServer } from './storm';

/** Where, when and on what a scenario ran: the head of its results file. */
export interface ScenarioHeader {
  date: string;
  command: string;
  commit: string;
  dirty: boolean;
  repoRoot: string;
  /** The checkout whose server ran. */
  server: { root: string; commit: string; dirty: boolean };
  machine: Machine;
  loadBefore: MachineLoad;
  loadAfter: MachineLoad;
  minutes: number;
}

const MiB = 2 ** 20;

function describeLoad(load: MachineLoad): string {
  const busy = load.busyShare === null ? 'unknown' : `${(load.busyShare * 100).toFixed(0)} % of cores busy`;
  return `load average ${load.loadAverage}, ${busy}`;
}

function headerLines(title: string, head: ScenarioHeader, name: string, extra: string): string[] {
  const { machine } = head;
  return [
    `# ${title}, ${head.date}`,
    '',
    `Machine: ${machine.cores} cores (nproc), ${machine.model}, ${machine.memoryGiB} GiB RAM, Node ${machine.node}.`,
    `Other work on the machine: ${describeLoad(head.loadBefore)} just before the run, ${describeLoad(head.loadAfter)} right after it ` +
      '(other sessions were building and testing on the same 2 cores; "other" cores per phase below).',
    `Server code: commit ${head.server.commit}${head.server.dirty ? ' plus uncommitted changes in server/ or shared/' : ''}` +
      `${head.server.root === head.repoRoot ? '' : ` (a \`git archive\` of it in ${head.server.root})`}; bench code: commit ${head.commit}.`,
    `Command: \`${head.command}\` (${head.minutes.toFixed(1)} min). ${extra} Every figure is in ${name}.json.`,
    '',
  ];
}

const codes = (table: Record<string, number>): string =>
  Object.entries(table)
    .map(([code, n]) => `${n}×${code}`)
    .join(', ') || 'none';
const sum = (table: Record<string, number>): number => Object.values(table).reduce((a, b) => a + b, 0);
const fmt = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

interface Row {
  metric: string;
  unit: string;
  pick(p: StormPhase): number;
  digits: number;
  ratio?: boolean;
  goal?(ours: number, official: number): string;
}

export function renderStorm(head: ScenarioHeader, results: StormResults, name: string): string {
  const { options, fixture } = results;
  const byServer = (server: StormServer) => results.runs.filter((r) => r.server === server);
  const rows: Row[] = [
    {
      metric: 'Time until every socket has synced (sync step 2 received)',
      unit: 's',
      pick: (p) => p.syncMs / 1000,
      digits: 2,
      ratio: true,
      goal: (o, f) => `≤ 2× official — ${o <= 2 * f ? 'met' : 'missed'}`,
    },
    { metric: 'Sockets synced (of all)', unit: '%', pick: (p) => (100 * p.synced) / p.sockets, digits: 1 },
    { metric: 'Median socket sync time', unit: 's', pick: (p) => p.p50SyncMs / 1000, digits: 2, ratio: true },
    {
      metric: 'GET /health on the operations port (OPS_PORT) latency p95 (every 100 ms)',
      unit: 'ms',
      pick: (p) => p.opsHealth?.p95Ms ?? Number.NaN,
      digits: 0,
    },
    {
      metric: 'GET /health on the operations port latency max',
      unit: 'ms',
      pick: (p) => p.opsHealth?.maxMs ?? Number.NaN,
      digits: 0,
      goal: (o) => (Number.isFinite(o) ? `≤ 1000 ms — ${o <= 1000 ? 'met' : 'missed'}` : ''),
    },
    { metric: 'GET /health on the operations port: failed requests', unit: '', pick: (p) => p.opsHealth?.failed ?? Number.NaN, digits: 0 },
    { metric: 'GET /health on the main port latency p95 (every 100 ms)', unit: 'ms', pick: (p) => p.health.p95Ms, digits: 0, ratio: true },
    {
      metric: 'GET /health on the main port latency max (queued behind the handshakes: see Method)',
      unit: 'ms',
      pick: (p) => p.health.maxMs,
      digits: 0,
      ratio: true,
    },
    { metric: 'GET /health on the main port: requests slower than 1 s', unit: '', pick: (p) => p.health.over1s, digits: 0 },
    {
      metric: "Server's own event-loop delay max (its /metrics)",
      unit: 'ms',
      pick: (p) => p.serverLoop?.maxMs ?? Number.NaN,
      digits: 0,
      goal: (o) => (Number.isFinite(o) ? `≤ 1000 ms — ${o <= 1000 ? 'met' : 'missed'}` : ''),
    },
    {
      metric: "Server's loop: every 1-s window's highest delay at most (histogram bound)",
      unit: 'ms',
      pick: (p) => p.serverLoop?.windowMaxAtMostMs ?? Number.NaN,
      digits: 0,
    },
    { metric: "Seconds in which the server's loop stalled over 1 s", unit: '', pick: (p) => p.serverLoop?.windowsOver1s ?? Number.NaN, digits: 0 },
    { metric: "Probe process's own event-loop delay max", unit: 'ms', pick: (p) => p.health.probeLoopMaxMs ?? Number.NaN, digits: 0 },
    { metric: 'GET /health: longest wait for the TCP connection alone', unit: 'ms', pick: (p) => p.health.connectMaxMs ?? Number.NaN, digits: 0 },
    {
      metric: 'Connections waiting in the accept queue, most seen (kernel done, server not yet accepted)',
      unit: '',
      pick: (p) => p.health.acceptQueueMax ?? Number.NaN,
      digits: 0,
    },
    {
      metric: "HTTP requests: the server's own time, every one at most (histogram bound)",
      unit: 'ms',
      pick: (p) => p.serverLoop?.httpMaxAtMostMs ?? Number.NaN,
      digits: 0,
    },
    { metric: 'HTTP requests that spent over 1 s in the server', unit: '', pick: (p) => p.serverLoop?.httpOver1s ?? Number.NaN, digits: 0 },
    {
      metric: `Synced sockets the server dropped (storm + ${options.holdMs / 1000} s hold)`,
      unit: '',
      pick: (p) => sum(p.dropsAfterSync),
      digits: 0,
      goal: (o) => `0 — ${o === 0 ? 'met' : 'missed'}`,
    },
    { metric: 'Connection attempts that failed before sync', unit: '', pick: (p) => sum(p.failuresBeforeSync), digits: 0 },
    { metric: 'Server peak RSS', unit: 'MiB', pick: (p) => p.health.peakRssBytes / MiB, digits: 0, ratio: true },
    { metric: 'Server CPU over the phase', unit: 'cores', pick: (p) => p.serverCpuCores, digits: 2 },
    { metric: 'Client process CPU during the storm', unit: 'cores', pick: (p) => p.clientCpuShare, digits: 2 },
    { metric: 'Other work on the machine meanwhile', unit: 'cores', pick: (p) => p.otherCpuCores, digits: 2 },
  ];
  const table = ['| phase | metric | unit | ours | official | ours ÷ official | goal |', '|---|---|---|---:|---:|---:|---|'];
  for (const [label, key] of [
    ['first connect', 'first'],
    ['after SIGKILL + restart', 'resync'],
  ] as const) {
    if (key === 'resync') {
      const restart = (server: StormServer) => median(byServer(server).map((r) => (r.resync.restartMs ?? Number.NaN) / 1000));
      table.push(`| ${label} | Restart: spawn to listening | s | ${fmt(restart('guatu'), 1)} | ${fmt(restart('official'), 1)} |  |  |`);
    }
    for (const row of rows) {
      const ours = median(byServer('guatu').map((r) => row.pick(r[key])));
      const official = median(byServer('official').map((r) => row.pick(r[key])));
      const ratio = row.ratio && Number.isFinite(ours / official) ? `${(ours / official).toFixed(2)}×` : '';
      table.push(
        `| ${label} | ${row.metric} | ${row.unit} | ${fmt(ours, row.digits)} | ${fmt(official, row.digits)} | ${ratio} | ${row.goal?.(ours, official) ?? ''} |`,
      );
    }
  }
  const perRun = [
    '| run | server | phase | synced | all synced in | ops-port /health max | main-port /health p95 / max | dropped after sync | failed before sync | peak RSS | server / clients / other cores |',
    '|---|---|---|---:|---:|---:|---:|---|---|---:|---:|',
  ];
  results.runs.forEach((run, i) => {
    for (const [label, p] of [
      ['first', run.first],
      ['restart', run.resync],
    ] as const) {
      perRun.push(
        `| ${Math.floor(i / 2) + 1} | ${run.server === 'guatu' ? 'ours' : 'official'} | ${label} | ${p.synced}/${p.sockets} | ${fmt(p.syncMs / 1000, 2)} s | ` +
          `${p.opsHealth ? `${fmt(p.opsHealth.maxMs, 0)} ms` : 'n/a'} | ${fmt(p.health.p95Ms, 0)} / ${fmt(p.health.maxMs, 0)} ms | ${codes(p.dropsAfterSync)} | ${codes(p.failuresBeforeSync)} | ${fmt(p.health.peakRssBytes / MiB, 0)} MiB | ` +
          `${fmt(p.serverCpuCores, 2)} / ${fmt(p.clientCpuShare, 2)} / ${fmt(p.otherCpuCores, 2)} |`,
      );
    }
  });
  const logs = results.runs
    .filter((r) => r.server === 'guatu')
    .flatMap((r, i) =>
      (['first', 'resync'] as const).map(
        (k) =>
          `- run ${i + 1}, ${k === 'first' ? 'first connect' : 'after restart'}: ${
            Object.entries(r[k].serverLog ?? {})
              .map(([m, n]) => `${n}× "${m}"`)
              .join('; ') || 'no lines at info or above'
          }`,
      ),
    );
  const sockets = fixture.members === 0 ? 0 : options.clients * 2;
  const busiest = Math.max(...results.runs.flatMap((r) => [r.first.otherCpuCores, r.resync.otherCpuCores]));
  const caveat =
    busiest > 0.5
      ? [
          `**Caveat: other work kept up to ${fmt(busiest, 2)} of the 2 cores busy during these runs**, so both servers got well under a core`,
          'and every absolute time here is inflated; the ours ÷ official ratios (same clients, same machine, minutes apart) are the',
          'more robust figures. Rerun on a quiet machine for absolute times.',
          '',
        ]
      : [];
  return [
    ...headerLines('Sync server: admission and reconnect storm', head, name, `Medians of ${options.runs} run(s) per server.`),
    ...caveat,
    `Fixture: the city demo (1000 projects) made by the real server's first start. ${options.clients} clients = ${fixture.members} demo members ` +
      `(each member is ${Math.ceil(options.clients / Math.max(1, fixture.members))} client(s), i.e. devices), each opening the workspace document ` +
      `(${fmt(fixture.workspaceStateBytes / 1024, 0)} KiB) and one project document (its own where it has one; ${fixture.documents - 1} distinct, ` +
      `${fmt(fixture.projectStateBytes.mean / 1024, 1)} KiB mean): ${sockets} sockets opened in one tick.`,
    '',
    table.join('\n'),
    '',
    '## Every run',
    '',
    perRun.join('\n'),
    '',
    "## Our server's log during the storms (info and above, by message)",
    '',
    ...logs,
    '',
    '## Method',
    '',
    '- *Ours*: the real server, `node --import tsx server/main.ts` as `npm start` runs it (LOG_LEVEL=info, DEMO=1, DEMO_SCALE=city,',
    "  DATA_DIR in a temp dir), started fresh (documents cold) before the first storm. Tokens are minted with the server's own",
    "  token service on its SQLite file (what `POST /api/join` returns). *Official*: `@y/websocket-server` 0.1.1's",
    '  setupWSConnection with a persistence layer like its YPERSISTENCE one but over SQLite (LevelDB is not built here),',
    '  holding the same documents\' stored states (copied from our store), no auth; its HTTP handler answers "okay" to any',
    '  request, so its /health figure is pure event-loop latency while ours also touches storage.',
    '- *Clients*: one process of their own (`storm-clients.ts`), raw `ws` sockets speaking y-websocket sync as empty replicas;',
    '  frames are read only up to their message type, so the client process stays far from a full core (see its CPU row).',
    '  A socket closed by the server reconnects like the stock client (100 ms·2ⁿ up to 2.5 s; 4400–4499 stop; 4429 waits 10 s).',
    `- *Storm*: every socket created in one tick; "synced" = sync step 2 received; timeout ${options.timeoutMs / 1000} s. After all synced the sockets stay open`,
    `  ${options.holdMs / 1000} s (two of our 10 s keep-alive rounds; the official pings every 30 s) and every close of a synced socket is counted.`,
    '- *Restart*: the server is SIGKILLed (no graceful close), restarted on the same data and port, and once it listens the',
    '  same clients (same tokens, same documents) reconnect all at once.',
    '- */health on two ports*: ours also listens on an operations port (`OPS_PORT`, /health and /metrics only), which is',
    '  what the goal is judged on: libuv (Node 20: 1.46) accepts one connection per listening socket per event-loop',
    '  iteration (libuv PR 3696), so during a storm the main port accepts a few dozen connections a second and a /health',
    '  on a fresh connection there waits behind every WebSocket handshake queued before it (the accept-queue row; strace',
    '  on 2026-12-05 showed one accept4() per iteration and never an EAGAIN). The official server has no such listener.',
    '- */health*: a GET on a fresh TCP connection every 100 ms from the orchestrator process; a request still waiting at the',
    '  end counts with the time it has waited. RSS is VmRSS of the server process, sampled every 100 ms.',
    '  The orchestrator (the probe) is neither the server nor the clients; its own event-loop delay is reported to show it',
    '  did not delay the requests itself.',
    '- *Server event-loop delay*: our server measures its own (`perf_hooks.monitorEventLoopDelay`, 10 ms resolution) and',
    '  exposes it in /metrics (`guatu_sync_event_loop_delay_max_seconds` since it listens, `guatu_sync_event_loop_delay_seconds`',
    '  the highest of each 1-second window, from how late a 100 ms tick fires); the bench reads it before and after each phase.',
    "  Both phases run on a freshly started process, so the max since start is the phase's unless it was already reached at",
    "  the phase's start (`maxMsAtStart` in the JSON; the windows row counts the phase alone). A /health",
    "  slower than the server's own loop delay waited on the machine (2 cores shared with the clients and other work), not",
    "  on the server's code. The server also times each plain HTTP request from accepting its connection to the end of its",
    '  response (`guatu_sync_http_seconds`): what the probe waited beyond that was spent outside the server process.',
    '- *Other work*: cores busy on the machine (from /proc/stat) minus the server, the clients and the orchestrator.',
    '',
  ].join('\n');
}

/** Client updates the server accepted (stored) during a phase, from its own counter. */
const accepted = (p: HostilePhase): string => {
  const n = p.counters.guatu_sync_updates_in_total;
  return n === undefined ? '0 (or no counter)' : String(n);
};

function phaseRow(label: string, p: HostilePhase, extra: string): string {
  return (
    `| ${label} | ${fmt(p.seconds, 1)} | ${fmt(p.health.p95Ms, 0)} | ${fmt(p.health.maxMs, 0)} | ${p.health.over1s} | ${fmt(p.health.peakRssBytes / MiB, 0)} | ` +
    `${fmt(p.rssAfterBytes / MiB, 0)} | ${codes(p.refusals)} | ${extra} | ${fmt(p.serverCores, 2)} / ${fmt(p.otherCores, 2)} |`
  );
}

/** Per phase: the server's own loop delay and HTTP time, to tell its stalls from the machine's. */
function loopLines(results: HostileResults): string[] {
  const line = (label: string, p: HostilePhase): string => {
    const l = p.serverLoop;
    if (!l) return `- ${label}: no event-loop figures (the server has no such metrics)`;
    return (
      `- ${label}: the server's own event-loop delay max ${fmt(l.maxMs, 0)} ms (since it started; ${fmt(l.maxMsAtStart, 0)} ms at the phase's start), ` +
      `${l.windowsOver1s} of ${l.windows} one-second windows above 1 s; HTTP requests (the probe's /health) at most ${fmt(l.httpMaxAtMostMs, 0)} ms ` +
      `in the server from accept to response, ${l.httpOver1s} of ${l.httpRequests} over 1 s`
    );
  };
  return [
    "The server's own view (its /metrics): a /health slower than its time in the server waited outside the server process.",
    '',
    line('big', results.big),
    line('trickle', results.trickle),
    line('fake', results.fake),
  ];
}

export function renderHostile(head: ScenarioHeader, results: HostileResults, name: string): string {
  const { options, payload, big, trickle, fake, registry } = results;
  const counterLines = (['big', 'trickle', 'fake'] as const).map(
    (k) =>
      `- ${k}: ${
        Object.entries(results[k].counters)
          .map(([m, n]) => `${m} +${n}`)
          .join(', ') || 'nothing moved'
      }`,
  );
  const busiest = Math.max(big.otherCores, trickle.otherCores, fake.otherCores);
  const caveat =
    busiest > 0.5
      ? [`**Caveat: other work kept up to ${fmt(busiest, 2)} of the 2 cores busy during this run**; latencies and durations are inflated by it.`, '']
      : [];
  return [
    ...headerLines('Sync server: hostile member', head, name, 'One run.'),
    ...caveat,
    `One member token (role ${results.member.role}) against the city demo. Big update: ${payload.keys.toLocaleString('en-US')} keys in a project's problems map, ` +
      `${fmt(payload.updateBytes / MiB, 2)} MiB update in a ${fmt(payload.frameBytes / MiB, 2)} MiB frame (the server closes frames above 4 MiB with 1009), ` +
      `after a valid ${payload.initBytes}-byte project record.`,
    '',
    '| phase | s | /health p95 ms | /health max ms | /health > 1 s | peak RSS MiB | RSS after MiB | refused (close codes) | what happened | server / other cores |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|---:|',
    phaseRow(
      `${options.projects} new projects × one big update`,
      big,
      `${big.bigFramesSent}/${options.projects} big frames sent on ${big.opened} sockets; ${accepted(big)} updates accepted (of ${2 * options.projects}: record + big update each)`,
    ),
    phaseRow(
      `${options.trickleRate} tiny updates/s round-robin over them, ${options.trickleSeconds} s`,
      trickle,
      `${trickle.sent} sent, ${trickle.reconnects} reopens; ${accepted(trickle)} updates accepted`,
    ),
    phaseRow(
      `${options.fakeProjects} fake projects, 20 at a time`,
      fake,
      `${fake.created}/${options.fakeProjects} created (record sent and step 1 answered); ${accepted(fake)} updates accepted`,
    ),
    '',
    ...loopLines(results),
    '',
    `Projects the server registered in the workspace registry: **${registry.fakeRegistered} of ${options.fakeProjects} fake**, ` +
      `**${registry.bigRegistered} of ${options.projects} big** (${registry.pendingReview} of them marked pending review). Server peak RSS over the whole run: **${fmt(results.peakRssBytes / MiB, 0)} MiB**.`,
    '',
    '## Server counters that moved (/metrics)',
    '',
    ...counterLines,
    '',
    '## Server log (info and above, by message)',
    '',
    ...Object.entries(results.serverLog).map(([m, n]) => `- ${n}× "${m}"`),
    '',
    '## Method',
    '',
    '- The real server (`server/main.ts`, LOG_LEVEL=info, city demo in a temp DATA_DIR), one token minted with its own token service.',
    `- Big: ${options.projects} sockets opened at once on project ids the registry does not know; each sends a valid project record`,
    '  (initProject) then the big update, then waits for its sync step 1 to be answered (the server has handled both).',
    `- Trickle: one tiny update (a progressNote set) every ${fmt(1000 / options.trickleRate, 0)} ms, each to the next big document in turn; a socket`,
    '  the server closed is reopened (that reopen has to sync the big document) and its close code counted. The phase ends',
    '  when the sending window is over and every pending reopen has settled, hence a duration longer than the window.',
    '- "Refused" counts every close of our sockets the client did not ask for: 1006 is the server dropping the socket',
    '  without a close frame (its keep-alive terminates sockets whose pong it has not read), 1009 a frame too big, 44xx refusals.',
    `- Fake: ${options.fakeProjects} project ids, 20 sockets at a time: open, send a valid project record, wait for the answer to a`,
    '  step 1, close. Then the workspace document is synced once a second until its registry stops changing for 3 s.',
    '- /health every 100 ms on a fresh TCP connection; RSS = VmRSS of the server process every 100 ms.',
    '',
  ].join('\n');
}
