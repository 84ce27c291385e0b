/**
 * Scheduled backups of the SQLite file (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP): every period a verified online
 * backup (sqlite-backup.ts) named by its UTC time, the oldest beyond `keep` removed. Each outcome is logged and
 * counted in /metrics, so monitoring can alert on `time() - guatu_backup_last_success_timestamp_seconds`.
 */
import { chmod, copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../log';
import { backupSqlite } from './sqlite-backup';

export interface BackupMetrics {
  lastSuccess: Gauge;
  lastBytes: Gauge;
  lastSeconds: Gauge;
  failures: Counter;
  successes: Counter;
}

export function createBackupMetrics(registry: Registry): BackupMetrics {
  return {
    lastSuccess: new Gauge({
      name: 'guatu_backup_last_success_timestamp_seconds',
      help: 'Unix time of the last verified scheduled backup (0: none since the server started)',
      registers: [registry],
    }),
    lastBytes: new Gauge({ name: 'guatu_backup_last_size_bytes', help: 'Size of the last verified backup file', registers: [registry] }),
    lastSeconds: new Gauge({ name: 'guatu_backup_last_duration_seconds', help: 'How long the last backup took, verification included', registers: [registry] }),
    failures: new Counter({ name: 'guatu_backup_failures_total', help: 'Scheduled backups that failed or did not verify', registers: [registry] }),
    successes: new Counter({ name: 'guatu_backup_successes_total', help: 'Scheduled backups written and verified', registers: [registry] }),
  };
}

/** `guatu-20261205T013800Z.sqlite`: sorts by time as text. */
const BACKUP_NAME = /^guatu-\d{8}T\d{6}Z\.sqlite$/;

export function backupFileName(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-12-05T01:38:00.123Z
  return `guatu-${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 19).replaceAll(':', '')}Z.sqlite`;
}

export interface BackupScheduleOptions {
  /** The live database file. */
  source: string;
  dir: string;
  everySeconds: number;
  keep: number;
  logger: Logger;
  metrics: BackupMetrics;
  now?: () => number;
  /** The delay before an overdue first backup, so it does not compete with the start (default 10 s). */
  firstDelayMs?: number;
  /**
   * Files outside the database kept beside the backups under their own names (0600), copied again when they change:
   * the extension signing key, without which a rebuilt server would give the extension another id.
   */
  alsoKeep?: readonly string[];
}

export interface BackupSchedule {
  /** Runs one backup now (and prunes); resolves with the file written, or null when it failed (logged, counted). */
  runNow(): Promise<string | null>;
  /** Stops the timer and waits for a backup under way. */
  stop(): Promise<void>;
}

async function existingBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((name) => BACKUP_NAME.test(name)).sort();
}

export async function startBackupSchedule(options: BackupScheduleOptions): Promise<BackupSchedule> {
  const { source, dir, everySeconds, keep, logger, metrics } = options;
  const now = options.now ?? Date.now;
  const everyMs = everySeconds * 1000;
  await mkdir(dir, { recursive: true });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string | null> | null = null;
  let stopped = false;

  async function prune(): Promise<void> {
    const names = await existingBackups(dir);
    for (const name of names.slice(0, Math.max(0, names.length - keep))) {
      await rm(join(dir, name), { force: true });
      logger.info({ file: join(dir, name) }, 'old backup removed');
    }
  }

  async function keepFiles(): Promise<void> {
    for (const file of options.alsoKeep ?? []) {
      const current = await readFile(file).catch(() => null);
      if (!current) continue;
      const kept = join(dir, basename(file));
      if ((await readFile(kept).catch(() => null))?.equals(current)) continue;
      await copyFile(file, kept);
      await chmod(kept, 0o600);
      logger.info({ file: kept }, 'kept a copy beside the backups');
    }
  }

  async function once(): Promise<string | null> {
    const started = now();
    const file = join(dir, backupFileName(started));
    const result = await backupSqlite(source, file);
    if (!result.ok) {
      metrics.failures.inc();
      logger.error({ file, reason: result.failure.reason, detail: result.failure.detail }, 'backup failed');
      return null;
    }
    const { done } = result;
    if (!done.report.ok) {
      // the copy is faithful, but what it copied does not verify: keep it as evidence, and alert
      metrics.failures.inc();
      logger.error({ file, brokenAt: done.report.brokenAt }, 'backup written, but its audit chain does not verify');
      return null;
    }
    const seconds = (now() - started) / 1000;
    metrics.successes.inc();
    metrics.lastSuccess.set(Math.floor(now() / 1000));
    metrics.lastBytes.set(done.bytes);
    metrics.lastSeconds.set(seconds);
    logger.info({ file, bytes: done.bytes, seconds, documents: done.report.documents, updates: done.report.updates }, 'backup written and verified');
    await prune().catch((error: unknown) => logger.warn({ err: error }, 'removing old backups failed'));
    await keepFiles().catch((error: unknown) => logger.warn({ err: error }, 'copying files beside the backups failed'));
    return file;
  }

  function runNow(): Promise<string | null> {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runNow().finally(() => schedule(everyMs));
    }, delayMs);
    timer.unref();
  }

  // the next backup is due one period after the newest one in the folder (a restart does not reset the clock)
  const newest = (await existingBackups(dir)).at(-1);
  const newestAt = newest ? (await stat(join(dir, newest))).mtimeMs : null;
  const due = newestAt === null ? 0 : newestAt + everyMs - now();
  schedule(Math.max(options.firstDelayMs ?? 10_000, due));
  logger.info({ dir, everySeconds, keep }, 'scheduled backups on');

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
