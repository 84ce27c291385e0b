/**
 * Rights are live (issue #7 §1, SPEC §5): a reassignment, demotion, archive or revocation (from the server or the CLI
 * in another process) takes effect on open sockets; a member can never raise their own rights; attribution written by
 * a client must be its own. Every case checks that the write after the change reaches neither a peer nor storage.
 */
import type * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { tickMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { archiveMember, updateMember, updateRegistryEntry } from '../../../shared/model/workspace-write';
import type { StartupInvite } from '../../../server/app';
import { runCli } from '../../../server/cli/run-cli';
import { loadDoc } from '../../../server/bundle/store-bundle';
import { makeTempDir } from '../storage/temp-dir';
import { connect, eventually, joinDemo, startApp, synced, waitFor, type Client, type Joined, type Running } from '../app/fixtures';
import { ProjectIdSchema } from '../../../shared/schema/common';

let running: Running;
let clients: Client[];
let removeDir: () => void;

beforeEach(async () => {
  const tmp = makeTempDir('live-rights');
  removeDir = tmp.remove;
  running = await startApp(tmp.dir);
  clients = [];
});
afterEach(async () => {
  for (const c of clients) c.destroy();
  await running.app.close();
  removeDir();
});

const join = (role: StartupInvite['role']): Promise<Joined> => joinDemo(running, role);

async function open(room: string, who: Joined): Promise<Client> {
  const client = connect(running.wsUrl, room, who.token);
  clients.push(client);
  await synced(client);
  return client;
}

const by = (who: Joined) => ({ memberId: who.memberId, at: Date.now() });

/** A counter of the server's Prometheus text, e.g. rejected{reason="read-only-write"}. */
async function counter(name: string, reason: string): Promise<number> {
  const text = await (await fetch(`${running.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Whether the stored document (what a restart or a newcomer would get) satisfies `check`. */
async function stored<T>(room: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadDoc(running.app.store, room);
  if (!doc) throw new Error(`${room} is not stored`);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function memberRole(doc: Y.Doc, memberId: string): string | undefined {
  return validValues(readWorkspace(doc).members).find((m) => m.id === memberId)?.role;
}

function projectName(doc: Y.Doc): string | undefined {
  const read = readProjectDoc(doc);
  return read.project.ok ? read.project.value.name : undefined;
}

describe('live rights on open sockets', () => {
  it('a reassigned project: the former owner’s socket turns read-only at once; their next edit reaches no peer and no storage', async () => {
    const [member, admin] = [await join('member'), await join('admin')];
    const adminWs = await open(workspaceDocName(admin.workspaceId), admin);
    const entry = validValues(readWorkspace(adminWs.doc).registry).find(
      (r) => r.ownerId === member.memberId && r.leaderId !== member.memberId && !r.team.includes(member.memberId),
    );
    if (!entry) throw new Error('the demo member owns no project alone');
    const room = projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id));
    const mine = await open(room, member);
    const peer = await open(room, admin);
    const original = projectName(peer.doc);

    const someoneElse = validValues(readWorkspace(adminWs.doc).members).find((m) => m.role === 'member' && m.id !== member.memberId);
    expect(updateRegistryEntry(adminWs.doc, entry.id, { ownerId: someoneElse!.id }, by(admin)).ok).toBe(true);
    await eventually(
      async () =>
        (await stored(workspaceDocName(admin.workspaceId), (d) => validValues(readWorkspace(d).registry).find((r) => r.id === entry.id)?.ownerId)) ===
        someoneElse!.id,
      'the reassignment to be stored',
    );

    const dropped = await counter('guatu_sync_rejected_total', 'read-only-write');
    expect(editProject(mine.doc, { name: '改名（已无权）' }, by(member)).ok).toBe(true);
    await eventually(async () => (await counter('guatu_sync_rejected_total', 'read-only-write')) > dropped, 'the edit to be dropped and counted');
    expect(projectName(peer.doc)).toBe(original);
    expect(await stored(room, projectName)).toBe(original);
    expect(mine.closes).toEqual([]);
  });

  it('a leader demoted to observer cannot write on the socket they hold; archived, the socket closes with 4409 and REST refuses them', async () => {
    const [leader, admin] = [await join('leader'), await join('admin')];
    const wsName = workspaceDocName(admin.workspaceId);
    const theirs = await open(wsName, leader);
    const adminWs = await open(wsName, admin);

    expect(updateMember(adminWs.doc, leader.memberId, { role: 'observer' }, by(admin)).ok).toBe(true);
    await waitFor(() => memberRole(theirs.doc, leader.memberId) === 'observer', 'the demotion to reach the leader');
    const dropped = await counter('guatu_sync_rejected_total', 'read-only-write');
    // the demoted leader tries to write themselves back to admin on the socket they still hold
    updateMember(theirs.doc, leader.memberId, { role: 'admin' }, by(leader));
    await eventually(async () => (await counter('guatu_sync_rejected_total', 'read-only-write')) > dropped, 'the write to be dropped');
    expect(memberRole(adminWs.doc, leader.memberId)).toBe('observer');
    expect(await stored(wsName, (d) => memberRole(d, leader.memberId))).toBe('observer');

    expect(archiveMember(adminWs.doc, leader.memberId, by(admin)).ok).toBe(true);
    await waitFor(() => theirs.closes.includes(CloseCode.revoked), 'the archived leader’s socket to close with 4409');
    const invite = await fetch(`${running.url}/api/workspaces/${admin.workspaceId}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leader.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin', memberId: leader.memberId }),
    });
    expect(invite.status).toBe(403);
  });

  it('a revocation by the server closes the member’s sockets with 4409', async () => {
    const member = await join('member');
    const ws = await open(workspaceDocName(member.workspaceId), member);
    await running.app.auth.revokeMember(member.workspaceId, member.memberId, 'test');
    await waitFor(() => ws.closes.includes(CloseCode.revoked), 'the socket to close with 4409');
  });

  it('a revocation by the CLI in another process is picked up from the store and closes the member’s sockets with 4409', async () => {
    const member = await join('member');
    const ws = await open(workspaceDocName(member.workspaceId), member);
    const lines: string[] = [];
    const code = await runCli(['revoke', member.workspaceId, member.memberId], running.app.config, {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      readFile: async () => '',
      writeFile: async () => undefined,
    });
    expect(code).toBe(0);
    expect(ws.closes).toEqual([]);
    // what the watcher's timer does every two seconds, done now
    expect(await running.app.revocationWatch.poll()).toBe(1);
    await waitFor(() => ws.closes.includes(CloseCode.revoked), 'the socket to close with 4409');
  });
});

describe('nobody raises their own rights or writes in another’s name', () => {
  it('a leader writing themselves to admin is refused (4422); nothing reaches the peer or storage, and REST still refuses them invites', async () => {
    const [leader, admin] = [await join('leader'), await join('admin')];
    const wsName = workspaceDocName(admin.workspaceId);
    const theirs = await open(wsName, leader);
    const adminWs = await open(wsName, admin);
    updateMember(theirs.doc, leader.memberId, { role: 'admin' }, by(leader));
    await waitFor(() => theirs.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    expect(memberRole(adminWs.doc, leader.memberId)).toBe('leader');
    expect(await stored(wsName, (d) => memberRole(d, leader.memberId))).toBe('leader');
    const invite = await fetch(`${running.url}/api/workspaces/${admin.workspaceId}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leader.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin', memberId: leader.memberId }),
    });
    expect(invite.status).toBe(403);
  });

  it('a leader may not change another member’s role either: only 项目办 (admin) does', async () => {
    const [leader, admin] = [await join('leader'), await join('admin')];
    const wsName = workspaceDocName(admin.workspaceId);
    const theirs = await open(wsName, leader);
    const someone = validValues(readWorkspace(theirs.doc).members).find((m) => m.role === 'member')!;
    updateMember(theirs.doc, someone.id, { role: 'leader' }, by(leader));
    await waitFor(() => theirs.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    expect(await stored(wsName, (d) => memberRole(d, someone.id))).toBe('member');
    // the admin may
    const adminWs = await open(wsName, admin);
    expect(updateMember(adminWs.doc, someone.id, { role: 'leader' }, by(admin)).ok).toBe(true);
    await eventually(async () => (await stored(wsName, (d) => memberRole(d, someone.id))) === 'leader', 'the admin’s change to be stored');
  });

  it('a milestone ticked in a leader’s name by a member is refused (4422) and stored nowhere; ticked in their own name it stands', async () => {
    const [member, leader] = [await join('member'), await join('leader')];
    const ws = await open(workspaceDocName(member.workspaceId), member);
    const entry = validValues(readWorkspace(ws.doc).registry).find((r) => r.ownerId === member.memberId)!;
    const room = projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id));
    const mine = await open(room, member);
    const open1 = readProjectDoc(mine.doc).milestones.find((m) => m.ok && m.value.done === null);
    if (!open1?.ok) throw new Error('no open milestone');
    tickMilestone(mine.doc, open1.value.id, true, { memberId: leader.memberId, at: Date.parse('2026-01-02T00:00:00Z') });
    await waitFor(() => mine.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    const doneInStore = await stored(room, (d) => {
      const m = readProjectDoc(d).milestones.find((x) => x.ok && x.value.id === open1.value.id);
      return m?.ok ? m.value.done : 'missing';
    });
    expect(doneInStore).toBeNull();

    const again = await open(room, member);
    expect(tickMilestone(again.doc, open1.value.id, true, by(member)).ok).toBe(true);
    await eventually(async () => {
      const done = await stored(room, (d) => {
        const m = readProjectDoc(d).milestones.find((x) => x.ok && x.value.id === open1.value.id);
        return m?.ok ? m.value.done : null;
      });
      return done?.by === member.memberId;
    }, 'the honest tick to be stored');
  });

  it('a member may not move a project’s 联系领导 (credit and rights) on an existing project: refused (4422)', async () => {
    const [member, admin] = [await join('member'), await join('admin')];
    const ws = await open(workspaceDocName(member.workspaceId), member);
    const entry = validValues(readWorkspace(ws.doc).registry).find((r) => r.ownerId === member.memberId)!;
    const leaderId = validValues(readWorkspace(ws.doc).members).find((m) => m.role === 'leader' && m.id !== entry.leaderId)!.id;
    const room = projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id));
    const mine = await open(room, member);
    const peer = await open(room, admin);
    const before = readProjectDoc(peer.doc).project;
    editProject(mine.doc, { leaderId }, by(member));
    await waitFor(() => mine.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    const after = readProjectDoc(peer.doc).project;
    expect(after.ok && after.value.leaderId).toBe(before.ok && before.value.leaderId);
  });
});
