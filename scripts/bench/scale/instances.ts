/**
 * Forks bench instances (scripts/bench/scale/instance.ts) and talks to them: one process per instance, so each one's
 * CPU is its own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InstanceMessage, InstanceReply } from './instance';

const INSTANCE = fileURLToPath(new URL('./instance.ts', import.meta.url));

export interface BenchInstance {
  url: string;
  reset(): void;
  stats(): Promise<Extract<InstanceReply, { type: 'stats' }>>;
  close(): Promise<void>;
}

function nextReply<T extends InstanceReply['type']>(child: ChildProcess, type: T): Promise<Extract<InstanceReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: InstanceReply) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<InstanceReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench instance exited (${code}) before it answered ${type}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startInstance(env: Record<string, string>): Promise<BenchInstance> {
  const child = fork(INSTANCE, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await nextReply(child, 'listening');
  const send = (message: InstanceMessage) => child.send(message);
  return {
    url: `ws://127.0.0.1:${port}`,
    reset: () => send({ type: 'reset' }),
    async stats() {
      const reply = nextReply(child, 'stats');
      send({ type: 'stats' });
      return reply;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'close' });
      await exited;
    },
  };
}
