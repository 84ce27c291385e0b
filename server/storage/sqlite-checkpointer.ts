/**
 * SQLite's WAL checkpoints on a worker thread. By default the connection that commits the 1000th page of the WAL
 * copies it into the database file and fsyncs, inside that commit: 5–25 ms during which the sync server's event
 * loop stands still. A second connection on a worker thread runs PASSIVE checkpoints instead (they never block the
 * writer and never wait for it), and the writing connection turns its own automatic checkpoints off.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; resolves when it has exited. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** The database file (not ":memory:"). */
  path: string;
  /** How often the worker checkpoints. */
  intervalMs: number;
  /** The worker failed or exited on its own: the writer must checkpoint itself again. */
  onFailure(error: Error): void;
}

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, a bundler or plain node. The driver comes
// in as an absolute path: an eval worker has no module of its own to resolve it from.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
let timer = null;
let lastLog = -1;
// A PASSIVE checkpoint copies the frames in the WAL as it began; the writer starts the WAL over (so it stops growing)
// at its next commit only if by then every frame is copied. Under load new frames keep coming, so while the WAL moves
// go again soon: each round has only a few frames to copy, and one ends between two commits. Should the WAL still
// grow past restartFrames, a RESTART checkpoint makes the writer wait for that one round.
const checkpoint = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  const log = row ? row.log : 0;
  const moving = log !== lastLog && log > 0;
  lastLog = log;
  if (log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
  timer = setTimeout(checkpoint, moving ? workerData.busyIntervalMs : workerData.intervalMs);
};
timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); parentPort.close(); }
});
`;

/** How soon the next round runs while the WAL is moving. */
const BUSY_INTERVAL_MS = 10;
/** About 64 MiB of WAL (4 KiB pages): past this, make the writer wait for one checkpoint round. */
const RESTART_FRAMES = 16_384;

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: options.path, driver, intervalMs: options.intervalMs, busyIntervalMs: BUSY_INTERVAL_MS, restartFrames: RESTART_FRAMES },
  });
  let stopping = false;
  let failed = false;
  const fail = (error: Error): void => {
    if (stopping || failed) return;
    failed = true;
    options.onFailure(error);
  };
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      fail(new Error(`checkpoint worker exited with ${code}`));
      resolve();
    });
  });
  // a checkpoint worker alone must not keep the process alive
  worker.unref();
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      // the worker is unref'd: while we wait for it to finish, it must keep the process alive
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
