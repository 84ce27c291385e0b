import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toWorkspaceData } from '../../../shared/model/bundles';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import type { Role } from '../../../shared/schema/member';
import type { Stage } from '../../../shared/schema/stage';
import { SERVER_AUTHOR, loadDoc } from '../../../server/bundle/store-bundle';
import { startApp, type Running } from '../../server/app/fixtures';
import { makeTempDir } from '../../server/storage/temp-dir';
import { ProjectIdSchema } from '../../../shared/schema/common';

/** The real server (createApp, county demo) on a free port, in a temp DATA_DIR, as `npm start` would run it. */
export interface DemoServer {
  running: Running;
  url: string;
  port: number;
  workspaceId: string;
  dataDir: string;
  /** The invite code the first start printed for a role (one per role). */
  printedInvite(role: Role): { code: string; memberId: string };
  /** A fresh invite code for a member of the demo workspace, in the given role. */
  invite(memberId: string, role: Role): Promise<string>;
  /** Stops the server; the data stays for `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (an `existing` start: no new demo). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startDemoServer(label: string): Promise<DemoServer> {
  const tmp = makeTempDir(`e2e-${label}`);
  let running = await startApp(tmp.dir, { demoScale: 'county' });
  const startup = running.app.startup;
  if (startup.kind !== 'demo') throw new Error(`expected a demo start, got ${startup.kind}`);
  const port = Number(new URL(running.url).port);
  let up = true;
  const server: DemoServer = {
    get running() {
      return running;
    },
    url: running.url,
    port,
    workspaceId: startup.workspaceId,
    dataDir: tmp.dir,
    printedInvite(role) {
      const invite = startup.invites.find((i) => i.role === role);
      if (!invite) throw new Error(`the demo printed no ${role} invite`);
      return { code: invite.code, memberId: invite.memberId };
    },
    async invite(memberId, role) {
      const invite = await running.app.auth.invites.issueInvite(startup.workspaceId, { role, memberId }, SERVER_AUTHOR);
      if (!invite) throw new Error(`no invite for ${memberId}`);
      return invite.code;
    },
    async stop() {
      if (!up) return;
      up = false;
      await running.app.close();
    },
    async restart() {
      if (up) return;
      running = await startApp(tmp.dir, { demoScale: 'county', port });
      up = true;
    },
    async dispose() {
      await server.stop();
      tmp.remove();
    },
  };
  return server;
}

/** A project two people can edit: its owner and a second assignee, both plain members (or the leader if no team). */
export interface SharedProject {
  projectId: string;
  name: string;
  owner: { memberId: string; name: string; role: Role };
  other: { memberId: string; name: string; role: Role };
  /** The 联系领导 (a leader edits everything, and reads the board). */
  leader: { memberId: string; name: string; role: Role };
  stage: Stage;
  /** Open milestones (not done), the first due first. */
  openMilestones: Array<{ id: string; title: string; dueDate: string }>;
}

/**
 * Reads the stored demo through the model and picks the project with an owner and a team member who are both plain
 * members with few projects (a small popup), that has open milestones and a 联系领导.
 */
export async function pickSharedProject(server: DemoServer): Promise<SharedProject> {
  const store = server.running.app.store;
  const wsDoc = await loadDoc(store, workspaceDocName(server.workspaceId));
  if (!wsDoc) throw new Error('no workspace document');
  const data = toWorkspaceData(readWorkspace(wsDoc)).data;
  wsDoc.destroy();
  if (!data) throw new Error('the demo workspace does not read');
  const members = new Map(data.members.filter((m) => !m.archived).map((m) => [m.id, m]));
  const load = new Map<string, number>();
  for (const e of data.registry) for (const id of [e.ownerId, ...e.team]) if (id) load.set(id, (load.get(id) ?? 0) + 1);

  const candidates = data.registry
    .filter((e) => !e.archived && e.ownerId && members.get(e.ownerId)?.role === 'member' && e.leaderId && members.get(e.leaderId)?.role === 'leader')
    .flatMap((e) => {
      const mate = e.team.find((id) => id !== e.ownerId && members.get(id)?.role === 'member');
      return mate ? [{ e, mate, weight: (load.get(e.ownerId!) ?? 0) + (load.get(mate) ?? 0) }] : [];
    })
    .sort((a, b) => a.weight - b.weight || (a.e.id < b.e.id ? -1 : 1));

  for (const { e, mate } of candidates) {
    const doc = await loadDoc(store, projectDocName(server.workspaceId, ProjectIdSchema.parse(e.id)));
    if (!doc) continue;
    const read = readProjectDoc(doc);
    doc.destroy();
    const open = read.milestones.flatMap((m) =>
      m.ok && !m.value.done && !m.value.archived ? [{ id: m.value.id, title: m.value.title, dueDate: m.value.dueDate }] : [],
    );
    if (open.length === 0 || !read.project.ok) continue;
    open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
    const owner = members.get(e.ownerId!)!;
    const other = members.get(mate)!;
    const leader = members.get(e.leaderId!)!;
    return {
      projectId: e.id,
      name: read.project.value.name,
      owner: { memberId: owner.id, name: owner.name, role: owner.role },
      other: { memberId: other.id, name: other.name, role: other.role },
      leader: { memberId: leader.id, name: leader.name, role: leader.role },
      stage: read.project.value.stage,
      openMilestones: open,
    };
  }
  throw new Error('the demo has no project with an owner, a team member and open milestones');
}
