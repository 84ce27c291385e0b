/**
 * The admin console's edits are the 项目办's (issue #9 §4): a member with a valid token who crafts the very same Yjs
 * edits through the model, on their own sockets, gets none of them stored or passed on; the admin's go through. The
 * console hides its controls from them too, but the server is what holds.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { archiveRegisteredProject } from '../../../shared/model/project-admin';
import { archiveProject } from '../../../shared/model/project-edit';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { addMember, addTarget, addUnit, archiveRegistryEntry, updateCampaign, updateMember } from '../../../shared/model/workspace-write';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { loadDoc } from '../../../server/bundle/store-bundle';
import { eventually, joinDemo, waitFor, type Joined } from '../app/fixtures';
import { appPerTest } from '../app/app-per-test';

const env = appPerTest('admin-console-rights');
const open = env.open;

const by = (who: Joined) => ({ memberId: who.memberId, at: Date.now() });

async function stored<T>(room: string, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await loadDoc(env.running.app.store, room);
  if (!doc) throw new Error(`${room} is not stored`);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

async function readOnlyDrops(): Promise<number> {
  const text = await (await fetch(`${env.running.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('guatu_sync_rejected_total{reason="read-only-write"}'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Every console edit of the workspace document, as `who` would write it. */
function consoleEdits(doc: Y.Doc, who: Joined): void {
  const ws = readWorkspace(doc);
  const someone = validValues(ws.members).find((m) => m.role === 'member' && m.id !== who.memberId)!;
  const project = validValues(ws.registry).find((r) => !r.archived)!;
  addUnit(doc, { id: 'forged-unit', name: '伪造专班', kind: 'taskForce' }, by(who));
  addMember(doc, { id: 'forged-member', name: '伪造人员', rank: 'staff', role: 'admin' }, by(who));
  updateMember(doc, someone.id, { name: `${someone.name}（改）` }, by(who));
  updateCampaign(doc, { reportDueDay: 27 }, by(who));
  addTarget(
    doc,
    {
      id: 'forged-target',
      title: '伪造目标',
      scope: { kind: 'workspace' },
      start: '2026-01-01',
      end: '2026-12-31',
      goal: 1,
      metric: { kind: 'investmentSum', filter: {} },
    },
    by(who),
  );
  archiveRegistryEntry(doc, project.id, by(who));
}

describe('admin console edits crafted by a member', () => {
  it('units, members, campaign settings, targets and the registry: a member’s edits reach neither storage nor a peer; the admin’s do', async () => {
    const [member, admin] = [await join('member'), await join('admin')];
    const wsName = workspaceDocName(admin.workspaceId);
    const adminWs = await open(wsName, admin);
    const theirs = await open(wsName, member);
    const dropsBefore = await readOnlyDrops();

    consoleEdits(theirs.doc, member);
    // six edits, six updates: each one dropped (the later ones too, so the check below sees them all refused)
    await eventually(async () => (await readOnlyDrops()) >= dropsBefore + 6, 'the member’s six writes to be dropped');
    const after = await stored(wsName, (d) => {
      const ws = readWorkspace(d);
      return {
        unit: validValues(ws.units).some((u) => u.id === 'forged-unit'),
        member: validValues(ws.members).some((m) => m.id === 'forged-member'),
        target: validValues(ws.targets).some((t) => t.id === 'forged-target'),
        dueDay: ws.campaign.ok ? ws.campaign.value.reportDueDay : null,
        archived: validValues(ws.registry).filter((r) => r.archived).length,
      };
    });
    expect(after).toEqual({ unit: false, member: false, target: false, dueDay: 5, archived: 0 });
    expect(validValues(readWorkspace(adminWs.doc).units).some((u) => u.id === 'forged-unit')).toBe(false);

    // the same edits from the 项目办 stand
    consoleEdits(adminWs.doc, admin);
    await eventually(
      async () =>
        stored(wsName, (d) => {
          const ws = readWorkspace(d);
          return validValues(ws.units).some((u) => u.id === 'forged-unit') && ws.campaign.ok && ws.campaign.value.reportDueDay === 27;
        }),
      'the admin’s edits to be stored',
    );
  });

  it('archiving their own project: refused (4422) and stored nowhere; the admin archives it, document and registry line', async () => {
    const [member, admin] = [await join('member'), await join('admin')];
    const wsName = workspaceDocName(member.workspaceId);
    const ws = await open(wsName, member);
    const entry = validValues(readWorkspace(ws.doc).registry).find((r) => r.ownerId === member.memberId && !r.archived)!;
    const room = projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id));
    const mine = await open(room, member);
    const peer = await open(room, admin);

    expect(archiveProject(mine.doc, by(member)).ok).toBe(true);
    await waitFor(() => mine.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    const archived = (doc: Y.Doc) => {
      const p = readProjectDoc(doc).project;
      return p.ok ? p.value.archived : null;
    };
    expect(archived(peer.doc)).toBe(false);
    expect(await stored(room, archived)).toBe(false);

    const adminWs = await open(wsName, admin);
    expect(archiveRegisteredProject(peer.doc, adminWs.doc, entry.id, by(admin)).ok).toBe(true);
    await eventually(async () => (await stored(room, archived)) === true, 'the admin’s archive to be stored');
    await eventually(
      async () => (await stored(wsName, (d) => validValues(readWorkspace(d).registry).find((r) => r.id === entry.id)?.archived)) === true,
      'the registry line to be archived',
    );
  });
});

const join = (role: 'admin' | 'leader' | 'member' | 'observer'): Promise<Joined> => joinDemo(env.running, role);
