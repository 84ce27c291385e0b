/**
 * Request/response over the IPC channel of a forked child: the bench's orchestrator asks a server or load-generator
 * child to do something and waits for its answer. Messages are checked on arrival, never cast.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { z } from 'zod';

const RequestSchema = z.object({ id: z.number(), command: z.string(), args: z.unknown() });
const ReplySchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
const ReadySchema = z.object({ ready: z.literal(true), info: z.unknown() });

export type Handlers = Record<string, (args: unknown) => Promise<unknown>>;

/** In the child: answer requests until the parent disconnects, after telling it we are ready. */
export function serveRpc(handlers: Handlers, info: unknown = null): void {
  process.on('message', (raw: unknown) => {
    const request = RequestSchema.safeParse(raw);
    if (!request.success) return;
    const { id, command, args } = request.data;
    const handler = handlers[command];
    const reply = (message: z.infer<typeof ReplySchema>) => process.send?.(message);
    if (!handler) return reply({ id, ok: false, error: `unknown command ${command}` });
    handler(args).then(
      (result) => reply({ id, ok: true, result }),
      (error: unknown) => reply({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true, info });
}

export interface Child {
  readonly info: unknown;
  readonly pid: number;
  call<T>(command: string, args: unknown, schema: z.ZodType<T>): Promise<T>;
  stop(): Promise<void>;
}

/** Forks `script` under tsx (with --expose-gc) and resolves once it reports ready. */
export function forkChild(script: string, args: string[]): Promise<Child> {
  const child: ChildProcess = fork(script, args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const error = new Error(`${script} exited with ${code}`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    child.on('message', (raw: unknown) => {
      const ready = ReadySchema.safeParse(raw);
      if (ready.success) {
        resolve({
          info: ready.data.info,
          pid: child.pid ?? -1,
          call(command, callArgs, schema) {
            const id = ++nextId;
            child.send({ id, command, args: callArgs });
            return new Promise((done, fail) => pending.set(id, { resolve: done, reject: fail })).then((result) => schema.parse(result));
          },
          stop() {
            if (child.exitCode !== null) return Promise.resolve();
            return new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            });
          },
        });
        return;
      }
      const reply = ReplySchema.safeParse(raw);
      if (!reply.success) return;
      const waiter = pending.get(reply.data.id);
      pending.delete(reply.data.id);
      if (!waiter) return;
      if (reply.data.ok) waiter.resolve(reply.data.result);
      else waiter.reject(new Error(reply.data.error));
    });
  });
}
