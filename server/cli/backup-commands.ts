/**
 * `backup [file]` and `restore <file>`: the SQLite file copied online and verified (storage/sqlite-backup.ts); on
 * PostgreSQL (DATABASE_URL) the documented pg_dump / pg_restore recipe instead. Both run without opening the stores:
 * a restore must find DATA_DIR empty, and a backup reads through a connection of its own.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { t } from '../../shared/i18n';
import { SQLITE_FILE_NAME, type AppConfig } from '../config';
import { backupFileName } from '../storage/backup-schedule';
import { backupSqlite, restoreSqlite } from '../storage/sqlite-backup';
import type { BareCliContext } from './context';
import { EXIT } from './commands';

/** A size as people read it: 1.4 MB, 820 KB. */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The PostgreSQL recipe (README "Backup and restore"): pg_dump reads one snapshot, so instances may keep running. */
export const PG_BACKUP_RECIPE = [
  'pg_dump --format=custom --file=guatu-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"',
  'pg_restore --list guatu-….dump > /dev/null   # the dump reads back',
];
export const PG_RESTORE_RECIPE = [
  'createdb guatu_restored',
  'pg_restore --no-owner --exit-on-error --dbname=postgres://…/guatu_restored guatu-….dump',
  'DATABASE_URL=postgres://…/guatu_restored npm run cli -- verify',
];

export async function backupCommand(ctx: BareCliContext, config: AppConfig, file: string | undefined): Promise<number> {
  if (config.databaseUrl) {
    ctx.out(t(ctx.locale, 'ops.backup.postgres'));
    for (const line of PG_BACKUP_RECIPE) ctx.out(`  ${line}`);
    return EXIT.refused;
  }
  const dest = resolve(file ?? backupFileName(ctx.now()));
  const result = await backupSqlite(join(config.dataDir, SQLITE_FILE_NAME), dest);
  if (!result.ok) {
    const { reason, detail } = result.failure;
    const key = reason === 'exists' ? 'ops.backup.exists' : reason === 'no_database' ? 'ops.backup.noDatabase' : 'ops.backup.failed';
    ctx.err(t(ctx.locale, key, { file: detail, detail }));
    return EXIT.refused;
  }
  const { report, bytes } = result.done;
  if (!report.ok) {
    ctx.err(t(ctx.locale, 'ops.backup.tampered', { file: dest }));
    if (report.brokenAt)
      ctx.err(t(ctx.locale, 'cli.chainBrokenAt', { doc: report.brokenAt.docName, seq: report.brokenAt.seq, reason: report.brokenAt.reason }));
    return EXIT.tampered;
  }
  ctx.out(t(ctx.locale, 'ops.backup.done', { file: dest, size: size(bytes), documents: report.documents, updates: report.updates }));
  return EXIT.ok;
}

export async function restoreCommand(ctx: BareCliContext, config: AppConfig, file: string): Promise<number> {
  if (config.databaseUrl) {
    ctx.out(t(ctx.locale, 'ops.restore.postgres'));
    for (const line of PG_RESTORE_RECIPE) ctx.out(`  ${line}`);
    return EXIT.refused;
  }
  await mkdir(config.dataDir, { recursive: true });
  const target = join(config.dataDir, SQLITE_FILE_NAME);
  const result = await restoreSqlite(resolve(file), target);
  if (result.ok) {
    const { after } = result.done;
    ctx.out(t(ctx.locale, 'ops.restore.done', { file: target, documents: after.documents, updates: after.updates }));
    return EXIT.ok;
  }
  const failure = result.failure;
  switch (failure.reason) {
    case 'not_empty':
      ctx.err(t(ctx.locale, 'ops.restore.notEmpty', { file: failure.detail }));
      return EXIT.refused;
    case 'no_backup':
      ctx.err(t(ctx.locale, 'ops.restore.noBackup', { file: failure.detail }));
      return EXIT.refused;
    case 'not_a_database':
      ctx.err(t(ctx.locale, 'ops.restore.notDatabase', { file, detail: failure.detail }));
      return EXIT.refused;
    case 'tampered': {
      ctx.err(t(ctx.locale, 'ops.restore.tampered'));
      const broken = failure.report.brokenAt;
      if (broken) ctx.err(t(ctx.locale, 'cli.chainBrokenAt', { doc: broken.docName, seq: broken.seq, reason: broken.reason }));
      return EXIT.tampered;
    }
    case 'mismatch':
      ctx.err(t(ctx.locale, 'ops.restore.mismatch', { before: failure.before.updates, after: failure.after.updates }));
      return EXIT.refused;
  }
}
