/**
 * Online backup and restore of the SQLite file (documents, history, snapshots and accounts are all in it).
 *
 * A backup is `VACUUM INTO` on a second connection, on a worker thread: one read transaction, so the copy is the
 * database as of one commit (WAL: the server's writers are never blocked, and the sync server's event loop never
 * waits for the copy). The copy is written beside its final name, fsynced, renamed into place, and its hash chains
 * verified before it counts as a backup. A restore copies a backup into an empty DATA_DIR, verifying the chains before
 * the copy takes the database's name and again after.
 */
import { constants as fsConstants, existsSync } from 'node:fs';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../../shared/result';
import type { ChainReport } from './document-store';
import { openSqliteStore } from './sqlite-store';

// Plain CommonJS evaluated in the worker (as sqlite-checkpointer.ts): runs the same under tsx, a bundler or node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
try {
  db = new Database(workerData.source, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.prepare('VACUUM INTO ?').run(workerData.dest);
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
} finally {
  if (db && db.open) db.close();
}
`;

/** Copies the live database `source` to `dest` (which must not exist) as of one commit, off the main thread. */
async function vacuumInto(source: string, dest: string): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, dest, driver } });
  const answer = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backup worker exited with ${code} before answering`)));
  });
  await worker.terminate();
  if (!answer.ok) throw new Error(answer.message ?? 'VACUUM INTO failed');
}

/** Makes a file's bytes (or a directory's entries) durable. */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The hash chains of a SQLite file that nothing else has open (it may be migrated to the current schema). */
export async function verifySqliteFile(path: string): Promise<ChainReport> {
  const store = openSqliteStore({ path, checkpointIntervalMs: null });
  try {
    return await store.verify();
  } finally {
    await store.close();
  }
}

export interface BackupDone {
  file: string;
  bytes: number;
  /** The backup's own chains, verified after the copy. */
  report: ChainReport;
}

export type BackupFailure = { reason: 'no_database' | 'exists' | 'failed'; detail: string };

/**
 * Backs up the database at `source` into `dest`: a consistent copy while the server runs, verified. Refuses to
 * overwrite `dest`; leaves no partial file behind when it fails.
 */
export async function backupSqlite(source: string, dest: string): Promise<Result<{ done: BackupDone }, { failure: BackupFailure }>> {
  if (!existsSync(source)) return err({ failure: { reason: 'no_database', detail: source } });
  if (existsSync(dest)) return err({ failure: { reason: 'exists', detail: dest } });
  const partial = join(dirname(dest), `.${basename(dest)}.partial-${process.pid}-${Date.now()}`);
  try {
    await vacuumInto(source, partial);
    // it holds the accounts and invites as well: readable by the server's user only
    await chmod(partial, 0o600);
    await fsyncPath(partial);
    const report = await verifySqliteFile(partial);
    // verification opened the copy in WAL mode and closed it (the WAL folded back in); the file is complete
    await rm(`${partial}-wal`, { force: true });
    await rm(`${partial}-shm`, { force: true });
    if (existsSync(dest)) return err({ failure: { reason: 'exists', detail: dest } });
    await rename(partial, dest);
    await fsyncPath(dirname(dest));
    return ok({ done: { file: dest, bytes: (await stat(dest)).size, report } });
  } catch (error) {
    return err({ failure: { reason: 'failed', detail: error instanceof Error ? error.message : String(error) } });
  } finally {
    await rm(partial, { force: true });
    await rm(`${partial}-wal`, { force: true });
    await rm(`${partial}-shm`, { force: true });
  }
}

export interface RestoreDone {
  /** The backup's chains, checked on the copy before it took the database's name. */
  before: ChainReport;
  /** The restored database's chains, checked where the server will open it. */
  after: ChainReport;
}

export type RestoreFailure =
  | { reason: 'not_empty'; detail: string }
  | { reason: 'no_backup'; detail: string }
  | { reason: 'not_a_database'; detail: string }
  | { reason: 'tampered'; report: ChainReport }
  | { reason: 'mismatch'; before: ChainReport; after: ChainReport };

/**
 * Restores `backup` as `target` (DATA_DIR/guatu.sqlite). Refuses when `target` (or its WAL) exists: a restore never
 * overwrites a database. The backup's chains must verify before the copy becomes `target`, and again after, with the
 * same counts.
 */
export async function restoreSqlite(backup: string, target: string): Promise<Result<{ done: RestoreDone }, { failure: RestoreFailure }>> {
  for (const path of [target, `${target}-wal`]) {
    if (existsSync(path)) return err({ failure: { reason: 'not_empty', detail: path } });
  }
  if (!existsSync(backup)) return err({ failure: { reason: 'no_backup', detail: backup } });
  const staging = `${target}.restoring`;
  await rm(staging, { force: true });
  try {
    await copyFile(backup, staging, fsConstants.COPYFILE_EXCL);
    let before: ChainReport;
    try {
      before = await verifySqliteFile(staging);
    } catch (error) {
      return err({ failure: { reason: 'not_a_database', detail: error instanceof Error ? error.message : String(error) } });
    }
    if (!before.ok) return err({ failure: { reason: 'tampered', report: before } });
    await fsyncPath(staging);
    // a server started meanwhile may have created the database: still never overwrite it
    if (existsSync(target)) return err({ failure: { reason: 'not_empty', detail: target } });
    await rename(staging, target);
    await fsyncPath(dirname(target));
    const after = await verifySqliteFile(target);
    if (!after.ok || after.documents !== before.documents || after.updates !== before.updates) {
      return err({ failure: { reason: 'mismatch', before, after } });
    }
    return ok({ done: { before, after } });
  } finally {
    await rm(staging, { force: true });
    await rm(`${staging}-wal`, { force: true });
    await rm(`${staging}-shm`, { force: true });
  }
}
