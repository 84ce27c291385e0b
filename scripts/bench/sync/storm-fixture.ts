/**
 * The storm's fixture: a DATA_DIR with the city demo (the real server's first start makes it), one access token per
 * demo member minted with the server's own token service over the same SQLite file (what `POST /api/join` hands out,
 * without spending invite codes), the (member, document) pairs of N clients, and the same documents' stored states
 * copied for the official server's persistence.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { startGuatu } from './guatu-process';
import type { ServerModules } from './server-modules';

/** One client of the storm: a member with a token and the two documents it opens. */
export interface StormClient {
  memberId: string;
  role: string;
  token: string;
  docs: [string, string];
}

export interface StormFixture {
  workspaceId: string;
  clients: StormClient[];
  /** Distinct members among the clients, and distinct documents they open. */
  members: number;
  documents: number;
  workspaceStateBytes: number;
  projectStateBytes: { mean: number; max: number };
}

/** First start of the real server on an empty DATA_DIR (it creates the city demo), then a graceful stop. */
export async function seedDemo(serverRoot: string, dataDir: string, port: number): Promise<{ workspaceId: string; seconds: number }> {
  const start = performance.now();
  const server = await startGuatu({ root: serverRoot, dataDir, port });
  await server.stop();
  const match = /\[([a-z0-9-]+)\]\s+\d+ 个项目/.exec(server.banner());
  if (!match?.[1]) throw new Error(`no demo workspace in the banner:\n${server.banner()}`);
  return { workspaceId: match[1], seconds: (performance.now() - start) / 1000 };
}

/**
 * Client i is member i mod (active members), so 1000 clients are 500 members with two devices each. Each opens the
 * workspace document and one project: the k-th project the member is assigned to for its k-th device when it has one
 * (a cadre's own project), else a registered project picked by index (readable by every member). Writes the
 * stored states of every document the clients open into `officialStatesPath` for the official server.
 */
export async function prepareStorm(
  mods: ServerModules,
  dataDir: string,
  workspaceId: string,
  clientCount: number,
  officialStatesPath: string,
): Promise<StormFixture> {
  const { workspaceDocName, projectDocName } = mods.docNames;
  const sqlitePath = join(dataDir, mods.config.SQLITE_FILE_NAME);
  const store = mods.sqliteStore.openSqliteStore({ path: sqlitePath });
  const accounts = mods.accountStore.openSqliteAccountStore(sqlitePath);
  try {
    const auth = mods.createAuth.createAuth({ store: accounts });
    const wsName = workspaceDocName(workspaceId);
    const wsDoc = await mods.storeBundle.loadDoc(store, wsName);
    if (!wsDoc) throw new Error(`no workspace document ${wsName}`);
    const read = mods.workspaceRead.readWorkspace(wsDoc);
    wsDoc.destroy();
    const members = mods.result.validValues(read.members).filter((m) => !m.archived);
    const registry = mods.result.validValues(read.registry).filter((r) => !r.archived);
    if (members.length === 0 || registry.length === 0) throw new Error('the demo workspace has no members or projects');

    const tokens = new Map<string, string>();
    const clients: StormClient[] = [];
    for (let i = 0; i < clientCount; i++) {
      const member = members[i % members.length]!;
      const device = Math.floor(i / members.length);
      let token = tokens.get(member.id);
      if (!token) {
        const issued = await auth.tokens.issue(workspaceId, member.id, member.role);
        if (!issued) throw new Error(`could not issue a token for ${member.id}`);
        token = issued.token;
        tokens.set(member.id, token);
      }
      const own = registry.filter((r) => mods.rights.isAssigned(member.id, r));
      const project = own.length > 0 ? own[device % own.length]! : registry[i % registry.length]!;
      clients.push({ memberId: member.id, role: member.role, token, docs: [wsName, projectDocName(workspaceId, ProjectIdSchema.parse(project.id))] });
    }

    const names = [...new Set(clients.flatMap((c) => c.docs))];
    const out = new Database(officialStatesPath);
    out.exec('CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL)');
    const insert = out.prepare<[string, Uint8Array]>('INSERT INTO updates (name, data) VALUES (?, ?)');
    let workspaceStateBytes = 0;
    const projectSizes: number[] = [];
    const states: Array<[string, Uint8Array]> = [];
    for (const name of names) {
      const state = await store.load(name);
      if (state === null) throw new Error(`no stored document ${name}`);
      states.push([name, state]);
      if (name === wsName) workspaceStateBytes = state.length;
      else projectSizes.push(state.length);
    }
    out.transaction(() => {
      for (const [name, state] of states) insert.run(name, state);
    })();
    out.close();
    return {
      workspaceId,
      clients,
      members: tokens.size,
      documents: names.length,
      workspaceStateBytes,
      projectStateBytes: { mean: projectSizes.reduce((a, b) => a + b, 0) / Math.max(1, projectSizes.length), max: Math.max(0, ...projectSizes) },
    };
  } finally {
    await store.close();
    await accounts.close();
  }
}
