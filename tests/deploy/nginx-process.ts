/**
 * nginx as an unprivileged foreground process for a test: its own prefix, pid, logs and temp folders in a temp
 * directory, a site file included in a minimal http{} block (as /etc/nginx/conf.d/*.conf is), and, when the test runs
 * as root, nginx itself run as `nobody` (it needs no privilege: every port it listens on is above 1024).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface NginxPresence {
  binary: string | null;
  version: string;
  /** Why not, for the skip message. */
  problem: string;
}

/** nginx on PATH or in /usr/sbin (where Debian puts it, often not on a user's PATH). */
export function findNginx(): NginxPresence {
  for (const binary of ['nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    const probe = spawnSync(binary, ['-v'], { encoding: 'utf8' });
    if (probe.status === 0) return { binary, version: (probe.stderr || probe.stdout).trim().replace(/^nginx version: /, ''), problem: '' };
  }
  return { binary: null, version: '', problem: 'nginx is not installed (apt-get install nginx)' };
}

/** The uid and gid of `nobody`, when this process is root (nginx then runs as that user); null otherwise. */
function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('no `nobody` user to run nginx as');
  return { uid, gid };
}

function chownTree(path: string, user: { uid: number; gid: number }): void {
  chownSync(path, user.uid, user.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name), user);
    else chownSync(join(path, entry.name), user.uid, user.gid);
  }
}

export interface RunningNginx {
  child: ChildProcess;
  errorLog(): string;
  stop(): Promise<void>;
}

/** The main file: everything nginx writes goes under `dir`; the site is included inside http{}. */
function mainConf(dir: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, 'temp', kind)};`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
  access_log ${join(dir, 'access.log')};
${temp}
  include ${join(dir, 'site.conf')};
}
`;
}

/** Writes the files into `dir` and returns nginx's arguments for them, and the user to run it as. */
function prepare(dir: string, site: string): { args: string[]; user: { uid: number; gid: number } | null } {
  mkdirSync(join(dir, 'temp'), { recursive: true });
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), mainConf(dir));
  const user = unprivilegedUser();
  if (user) chownTree(dir, user);
  // -e: the error log before the configuration is read (else nginx tries /var/log/nginx/error.log first)
  return { args: ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], user };
}

/** `nginx -t` on the site in `dir`: exit status and what nginx said. */
export function testNginxConfig(binary: string, dir: string, site: string): { ok: boolean; output: string } {
  const { args, user } = prepare(dir, site);
  const run = spawnSync(binary, [...args, '-t'], { encoding: 'utf8', ...(user ?? {}) });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; fails when `exited` first or after 15 s. */
async function waitForPort(port: number, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (exited()) throw new Error(`nginx exited before listening on ${port}:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within 15 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts nginx in the foreground with `site`, and waits until it listens on `port`. */
export async function startNginx(binary: string, dir: string, site: string, port: number): Promise<RunningNginx> {
  const { args, user } = prepare(dir, site);
  const child = spawn(binary, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const errorLog = (): string => {
    let log = '';
    try {
      log = readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      // not written yet
    }
    return `${output}${log}`;
  };
  try {
    await waitForPort(port, () => exited, errorLog);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    errorLog,
    async stop() {
      if (exited) return;
      // SIGTERM: nginx's fast shutdown (a graceful SIGQUIT would wait for the test's open WebSockets)
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
