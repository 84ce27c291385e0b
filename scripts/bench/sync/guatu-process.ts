/**
 * The real Guatu server (`node --import tsx server/main.ts`, exactly as `npm start` runs it) as a child process of the
 * storm and hostile scenarios: its own DATA_DIR, a fixed port (a restart comes back on the same address), its JSON log
 * lines counted by message rather than kept, and SIGKILL for the crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface GuatuProcess {
  readonly pid: number;
  readonly port: number;
  /** The banner's text (address, demo workspace id, invite codes on a first start). */
  banner(): string;
  /** Log lines at info or above, counted by `msg` (plus `reason` where the line has one). */
  logCounts(): Record<string, number>;
  /** SIGKILL: no graceful close, as a crash or an OOM kill would. */
  kill(): Promise<void>;
  /** SIGTERM and wait (graceful shutdown: sockets closed with 1001). */
  stop(): Promise<void>;
}

export interface GuatuOptions {
  /** The checkout whose server/main.ts runs. */
  root: string;
  dataDir: string;
  port: number;
  env?: Record<string, string>;
  /** How long to wait for the server to print its address. */
  timeoutMs?: number;
}

/** Starts the server and resolves once it listens (its banner printed the address). */
export async function startGuatu(options: GuatuOptions): Promise<GuatuProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: options.root,
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO: '1',
      DEMO_SCALE: 'city',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let banner = '';
  let stderr = '';
  const counts: Record<string, number> = {};
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) {
      if (banner.length < 20_000) banner += `${line}\n`;
      return;
    }
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; reason?: string };
      if ((entry.level ?? 0) < 30) return;
      const key = entry.reason ? `${entry.msg} (${entry.reason})` : String(entry.msg);
      counts[key] = (counts[key] ?? 0) + 1;
    } catch {
      // a torn line: ignore
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!/Server address:\s*http:\/\/\S+/.test(banner)) {
    if (hasExited) throw new Error(`the Guatu server exited before listening\nstdout:\n${banner}\nstderr:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Guatu server did not print its address\nstdout:\n${banner}\nstderr:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const signal = async (name: NodeJS.Signals) => {
    if (hasExited) return;
    child.kill(name);
    await exited;
  };
  return {
    pid: child.pid ?? -1,
    port: options.port,
    banner: () => banner,
    logCounts: () => ({ ...counts }),
    kill: () => signal('SIGKILL'),
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await signal('SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in bytes (VmRSS), or NaN when it is gone or /proc is missing. */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; NaN when unavailable. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
