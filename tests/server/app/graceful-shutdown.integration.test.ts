import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { projectDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { makeTempDir } from '../storage/temp-dir';
import { connect, joinWith, synced, waitFor, type Client } from './fixtures';
import { freePort, spawnServer, type ServerProcess } from './server-process';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const shutdownTitles = (doc: Y.Doc): string[] =>
  validValues(readProjectDoc(doc).milestones)
    .map((m) => m.title)
    .filter((title) => title.startsWith('term-'));

describe('graceful shutdown on SIGTERM', () => {
  it('under writes: closes every socket with 1001, exits 0, and every acknowledged edit is stored', async () => {
    const tmp = makeTempDir('sigterm');
    cleanups.push(tmp.remove);
    const port = await freePort();
    const server: ServerProcess = spawnServer({ DATA_DIR: tmp.dir, PORT: String(port), HOST: '127.0.0.1', DEMO_SCALE: 'county' });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const admin = (await server.waitForOutput(/admin\s+([2-9A-HJ-NP-Z]{8})/))[1] ?? '';
    const workspaceId = (await server.waitForOutput(/\[([A-Za-z0-9_-]+)\]\s+\d+ 个项目/))[1] ?? '';
    const url = `http://127.0.0.1:${port}`;
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    const joined = await joinWith(url, admin);
    const room = projectDocName(workspaceId, ProjectIdSchema.parse(`${workspaceId}-p0001`));
    const writer: Client = connect(`ws://127.0.0.1:${port}`, room, joined.token);
    const watcher: Client = connect(`ws://127.0.0.1:${port}`, room, joined.token);
    cleanups.push(
      () => writer.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([synced(writer), synced(watcher)]);

    // the watcher receives an edit only after the server committed it: what it saw is what was acknowledged
    const acknowledged = new Set<string>();
    watcher.doc.on('update', () => {
      for (const title of shutdownTitles(watcher.doc)) acknowledged.add(title);
    });
    let n = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        addMilestone(writer.doc, { title: `term-${n++}`, dueDate: '2026-06-30' }, { memberId: joined.memberId, at: Date.now() });
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    await waitFor(() => acknowledged.size >= 30, 'edits acknowledged under load');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    writing = false;
    await writes;
    await waitFor(() => writer.closes.includes(1001) && watcher.closes.includes(1001), 'both sockets closed with 1001');
    writer.destroy();
    watcher.destroy();

    const store = openSqliteStore({ path: `${tmp.dir}/guatu.sqlite` });
    try {
      const stored = new Y.Doc();
      const state = await store.load(room);
      if (state) Y.applyUpdate(stored, state);
      const kept = new Set(shutdownTitles(stored));
      const lost = [...acknowledged].filter((title) => !kept.has(title));
      expect(lost).toEqual([]);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 90_000);
});
