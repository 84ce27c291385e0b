import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../../../server/storage/backup-schedule';
import { verifySqliteFile } from '../../../server/storage/sqlite-backup';
import { startApp } from '../app/fixtures';
import { makeTempDir } from './temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
}

describe('scheduled backups', () => {
  it('writes verified backups named by time, keeps the newest BACKUP_KEEP, and reports each outcome in /metrics', async () => {
    const data = makeTempDir('sched-data');
    const dir = join(data.dir, 'backups');
    cleanups.push(data.remove);
    // the server's clock, moved on an hour between backups (real backups are hours apart)
    let shift = 0;
    const now = (): number => Date.now() + shift;
    const running = await startApp(data.dir, { backup: { dir, everySeconds: 6 * 3600, keep: 2 } }, { now });
    cleanups.push(() => running.app.close());
    const backups = running.app.backups;
    if (!backups) throw new Error('backups not scheduled');

    const written: string[] = [];
    let lastStarted = 0;
    for (let i = 0; i < 3; i++) {
      shift += 3600_000;
      lastStarted = Math.floor(now() / 1000);
      const file = await backups.runNow();
      expect(file).not.toBeNull();
      written.push(file ?? '');
    }
    // the two newest backups, and the extension signing key beside them (a rebuilt server needs it for the same id)
    expect(readdirSync(dir).sort()).toEqual(['extension-key.pem', ...written.slice(1).map((f) => f.slice(dir.length + 1))]);
    expect(readFileSync(join(dir, 'extension-key.pem'), 'utf8')).toBe(readFileSync(join(data.dir, 'extension-key.pem'), 'utf8'));
    expect(statSync(join(dir, 'extension-key.pem')).mode & 0o777).toBe(0o600);
    const report = await verifySqliteFile(written[2] ?? '');
    expect(report.ok).toBe(true);
    expect(report.updates).toBeGreaterThan(0);

    let metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metric(metrics, 'guatu_backup_successes_total')).toBe(3);
    expect(metric(metrics, 'guatu_backup_failures_total')).toBe(0);
    const lastSuccess = metric(metrics, 'guatu_backup_last_success_timestamp_seconds');
    expect(lastSuccess).toBeGreaterThanOrEqual(lastStarted);
    expect(lastSuccess).toBeLessThanOrEqual(Math.floor(now() / 1000));
    expect(metric(metrics, 'guatu_backup_last_size_bytes')).toBeGreaterThan(0);

    // a backup that cannot be written (its name is taken) is counted and logged, and the last success stays
    shift += 3600_000;
    writeFileSync(join(dir, backupFileName(now())), 'in the way');
    expect(await backups.runNow()).toBeNull();
    metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metric(metrics, 'guatu_backup_failures_total')).toBe(1);
    expect(metric(metrics, 'guatu_backup_successes_total')).toBe(3);
  }, 60_000);
});
