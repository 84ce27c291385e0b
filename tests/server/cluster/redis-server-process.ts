/**
 * A Redis server of the test's own (`redis-server` from the machine, no persistence, a free port), so a test can
 * kill it and start it again on the same port: a real Redis restart, which the shared Redis cannot give.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import type { Reachability } from '../storage/pg-database';

export function probeRedisServerBinary(): Reachability {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? { reachable: true, problem: '' } : { reachable: false, problem: 'the redis-server program is not installed' };
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: the server is gone at once, with every stream (it keeps nothing on disk). */
  kill(): Promise<void>;
  /** A fresh, empty server on the same port. */
  start(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function startOwnRedis(port: number): Promise<OwnRedis> {
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const own: OwnRedis = {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await answers(url))) {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async kill() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await own.start();
  return own;
}
