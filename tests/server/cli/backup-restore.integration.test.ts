import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/run-cli';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { projectDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { connect, joinDemo, startApp, synced, testConfig, waitFor, type Client } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function cli(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, testConfig(dataDir), {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async () => '',
    writeFile: async () => undefined,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const drillTitles = (doc: Y.Doc): Set<string> =>
  new Set(
    validValues(readProjectDoc(doc).milestones)
      .map((m) => m.title)
      .filter((title) => title.startsWith('drill-')),
  );

describe('backup and restore (a restore drill)', () => {
  it('a backup taken during writes restores into an empty DATA_DIR with every edit acknowledged before it, and verifies', async () => {
    const live = makeTempDir('drill-live');
    const restored = makeTempDir('drill-restored');
    const backups = makeTempDir('drill-backups');
    cleanups.push(live.remove, restored.remove, backups.remove);
    const running = await startApp(live.dir);
    cleanups.push(() => running.app.close());
    const admin = await joinDemo(running, 'admin');
    const startup = running.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected a demo start');
    const room = projectDocName(startup.workspaceId, ProjectIdSchema.parse(`${startup.workspaceId}-p0001`));
    // the writer edits; the watcher sees an edit only after the server committed it (it broadcasts after the commit)
    const writer: Client = connect(running.wsUrl, room, admin.token);
    const watcher: Client = connect(running.wsUrl, room, admin.token);
    cleanups.push(
      () => writer.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([synced(writer), synced(watcher)]);

    let n = 0;
    const write = (): void => {
      const added = addMilestone(writer.doc, { title: `drill-${n++}`, dueDate: '2026-06-30' }, { memberId: admin.memberId, at: Date.now() });
      expect(added.ok).toBe(true);
    };
    for (let i = 0; i < 20; i++) write();
    await waitFor(() => drillTitles(watcher.doc).size === 20, 'the first edits acknowledged');

    // keep writing while the backup runs
    let writing = true;
    const writes = (async () => {
      while (writing) {
        write();
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const acknowledgedBefore = drillTitles(watcher.doc);
    const file = join(backups.dir, 'office.sqlite');
    const backup = await cli(live.dir, 'backup', file);
    writing = false;
    await writes;
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('已备份并校验');
    expect(n).toBeGreaterThan(20);
    // it holds accounts and invites: readable by the server's user only
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // a second backup to the same name is refused, the first one untouched
    expect((await cli(live.dir, 'backup', file)).code).toBe(1);

    // restore refuses a DATA_DIR that holds a database, and leaves it as it was
    const refused = await cli(live.dir, 'restore', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('绝不覆盖现有数据');

    const restore = await cli(restored.dir, 'restore', file);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('审计链在恢复前后均完好');
    expect((await cli(restored.dir, 'verify')).code).toBe(0);

    const store = openSqliteStore({ path: join(restored.dir, 'guatu.sqlite') });
    try {
      const doc = new Y.Doc();
      const state = await store.load(room);
      if (state) Y.applyUpdate(doc, state);
      const inBackup = drillTitles(doc);
      for (const title of acknowledgedBefore) expect(inBackup.has(title), `${title} acknowledged before the backup`).toBe(true);
      // and nothing that was never written
      for (const title of inBackup) expect(Number(title.slice('drill-'.length))).toBeLessThan(n);
    } finally {
      await store.close();
    }

    // the restored server starts on the restored data
    const again = await startApp(restored.dir);
    cleanups.push(() => again.app.close());
    expect(again.app.startup.kind).toBe('existing');
  }, 60_000);

  it('refuses a file that is not a backup, and a backup whose audit chain was altered, restoring nothing', async () => {
    const dir = makeTempDir('drill-bad');
    cleanups.push(dir.remove);
    const junk = join(dir.dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text'.repeat(100));
    const target = join(dir.dir, 'data');
    const notDb = await cli(target, 'restore', junk);
    expect(notDb.code).toBe(1);
    expect(notDb.err).toContain('不是可用的备份');
    expect(existsSync(join(target, 'guatu.sqlite'))).toBe(false);

    const missing = await cli(target, 'restore', join(dir.dir, 'nope.sqlite'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('找不到备份文件');

    // a backup of a database whose history was edited behind the chain's back
    const source = join(dir.dir, 'source');
    const running = await startApp(source, { demo: true });
    await running.app.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(source, 'guatu.sqlite'));
    db.prepare("UPDATE updates SET author = 'someone-else' WHERE rowid = (SELECT MIN(rowid) FROM updates)").run();
    db.close();
    const file = join(dir.dir, 'tampered.sqlite');
    expect((await cli(source, 'backup', file)).code).toBe(3);
    const tampered = await cli(join(dir.dir, 'fresh'), 'restore', file);
    expect(tampered.code).toBe(3);
    expect(tampered.err).toContain('审计链未通过校验');
    expect(existsSync(join(dir.dir, 'fresh', 'guatu.sqlite'))).toBe(false);
  }, 60_000);
});
