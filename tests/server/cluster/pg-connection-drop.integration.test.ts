/**
 * A dropped PostgreSQL connection (docs/scale-out.md §5): the database ends every connection of the instance
 * (pg_terminate_backend, as a failover or a restart does) while a client keeps editing. Appends on a dead connection
 * fail; what the client sent is either stored or refused to it (its socket closed, it reconnects and resends), never
 * acknowledged and lost. At the end the store holds every edit in one chain that verifies, and the instance still
 * serves.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { addMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { connect, eventually, joinWith, startApp, synced, waitFor, type Client } from '../app/fixtures';
import { createTestDatabase, mustSkip, probePostgres, requireReachable } from '../storage/pg-database';
import { makeTempDir } from '../storage/temp-dir';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'PostgreSQL connections dropped under an instance');

describe.runIf(!postgres.reachable && !skip)('PostgreSQL connections dropped (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

const titles = (doc: Y.Doc) => new Set(validValues(readProjectDoc(doc).milestones).map((m) => m.title));

describe.skipIf(!postgres.reachable)('PostgreSQL drops every connection of an instance mid-edit', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('no acknowledged edit is lost: the client resends what failed, the store ends with every edit in a verified chain', async () => {
    const database = await createTestDatabase('pgdrop');
    cleanups.push(() => database.drop());
    const temp = makeTempDir('pg-drop');
    cleanups.push(temp.remove);
    const instance = await startApp(`${temp.dir}/a`, { databaseUrl: database.url, demo: true });
    cleanups.push(() => instance.app.close());
    const startup = instance.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected the demo start');
    const code = startup.invites.find((i) => i.role === 'admin')?.code;
    if (!code) throw new Error('no admin invite');
    const admin = await joinWith(instance.url, code);
    const workspace = connect(instance.wsUrl, workspaceDocName(admin.workspaceId), admin.token);
    cleanups.push(() => workspace.destroy());
    await synced(workspace);
    const entry = validValues(readWorkspace(workspace.doc).registry)[0];
    if (!entry) throw new Error('the demo has no project');
    const room = projectDocName(admin.workspaceId, ProjectIdSchema.parse(entry.id));
    const client: Client = connect(instance.wsUrl, room, admin.token);
    cleanups.push(() => client.destroy());
    await synced(client);

    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    cleanups.push(() => killer.end());
    const dropAll = () => killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');

    const made: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) {
        const title = `r${round}-e${i}`;
        const added = addMilestone(client.doc, { title, dueDate: '2026-06-30' }, { memberId: admin.memberId, at: Date.now() });
        if (!added.ok) throw new Error(`edit refused: ${JSON.stringify(added)}`);
        made.push(title);
        if (i === 2) await dropAll();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await waitFor(() => client.provider.synced && client.provider.wsconnected, 'the client connected and synced again', 20_000);
    // everything the client made ends up stored: resent after a refusal if its first append failed
    await eventually(
      async () => {
        const stored = new Y.Doc();
        for (const record of await instance.app.store.history(room)) Y.applyUpdate(stored, record.update);
        return made.every((t) => titles(stored).has(t));
      },
      'every edit stored',
      30_000,
    );
    expect(await instance.app.store.verify(room)).toMatchObject({ ok: true });
    // the instance still serves: a newcomer gets every edit
    const late = connect(instance.wsUrl, room, admin.token);
    cleanups.push(() => late.destroy());
    await synced(late);
    expect(made.filter((t) => !titles(late.doc).has(t))).toEqual([]);
  }, 120_000);
});
