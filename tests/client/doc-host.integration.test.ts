import 'fake-indexeddb/auto';
import NodeWebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGuatuDb, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { joinWorkspace } from '../../client/join';
import { refreshProjection } from '../../client/projection';
import { openSession, type Session } from '../../client/session';
import { shanghaiDate } from '../../shared/format';
import { addMilestone } from '../../shared/model/project-milestones';
import { addProblem } from '../../shared/model/project-problems';
import { readProjectDoc } from '../../shared/model/project-read';
import { readWorkspace } from '../../shared/model/workspace-read';
import { toWorkspaceData } from '../../shared/model/bundles';
import { CloseCode } from '../../shared/protocol/close-codes';
import { startApp, type Running } from '../server/app/fixtures';
import { makeTempDir } from '../server/storage/temp-dir';
import { freshName, WS } from './helpers';

/**
 * The data layer against the real server (createApp with the county demo on port 0): join with a printed invite
 * code, sync through the doc host, edit offline, reconnect, converge; refusals carry their close code.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Browser {
  db: GuatuDb;
  ws: JoinedWorkspace;
  session: Session;
}

async function start(): Promise<{ running: Running; join(role: 'leader' | 'member' | 'observer'): Promise<Browser> }> {
  const tmp = makeTempDir('client-doc-host');
  cleanups.push(tmp.remove);
  const running = await startApp(tmp.dir);
  cleanups.push(() => running.app.close());
  const startup = running.app.startup;
  if (startup.kind !== 'demo') throw new Error(`expected a demo start, got ${startup.kind}`);
  return {
    running,
    // Each join is another browser: its own Dexie database, no shared IndexedDB documents, no relay between them.
    async join(role) {
      const invite = startup.invites.find((i) => i.role === role);
      if (!invite) throw new Error(`no ${role} invite`);
      const db = openGuatuDb(freshName('integration'));
      cleanups.push(() => db.delete());
      const joined = await joinWorkspace(db, running.url, invite.code);
      if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
      const session = openSession(joined.workspace, { WebSocketPolyfill: WS, persistence: false, relay: false, maxBackoffTime: 200 });
      cleanups.push(() => session.close());
      return { db, ws: joined.workspace, session };
    },
  };
}

/** Joins with the printed invite of `role` into a fresh browser database; the joined workspace. */
async function joinAs(running: Running, role: 'leader' | 'member' | 'observer'): Promise<JoinedWorkspace> {
  const startup = running.app.startup;
  const invite = startup.kind === 'demo' ? startup.invites.find((i) => i.role === role) : undefined;
  if (!invite) throw new Error(`no ${role} invite`);
  const db = openGuatuDb(freshName('integration'));
  cleanups.push(() => db.delete());
  const joined = await joinWorkspace(db, running.url, invite.code);
  if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
  return joined.workspace;
}

describe('doc host against the real sync server', () => {
  it('two browsers edit the same project offline, reconnect, and both end with both edits; unsynced goes up and back to 0', async () => {
    const { join } = await start();
    const leader = await join('leader');
    const member = await join('member');
    expect(await member.session.workspace.whenSettled(10_000)).toBe(true);
    const data = toWorkspaceData(readWorkspace(member.session.workspace.doc)).data;
    const mine = data?.registry.find((e) => e.ownerId === member.ws.memberId);
    if (!mine) throw new Error('the member owns no project');

    const a = leader.session.project(mine.id);
    const b = member.session.project(mine.id);
    expect(await a.whenSettled(10_000)).toBe(true);
    expect(await b.whenSettled(10_000)).toBe(true);
    expect(a.status.getSnapshot()).toEqual({ state: 'online', unsynced: 0 });

    leader.session.host.disconnect();
    member.session.host.disconnect();
    await vi.waitFor(() => expect(a.status.getSnapshot().state === 'offline' && b.status.getSnapshot().state === 'offline', 'both offline').toBe(true), {
      timeout: 5_000,
    });

    expect(addMilestone(a.doc, { id: 'leader-m', title: '领导现场督办', dueDate: '2026-06-30' }, leader.session.author()).ok).toBe(true);
    expect(addProblem(b.doc, { id: 'member-q', description: '施工用电未接通', deadline: '2026-06-15' }, member.session.author()).ok).toBe(true);
    expect(addProblem(b.doc, { id: 'member-q2', description: '渣土消纳场地不足', deadline: '2026-06-20' }, member.session.author()).ok).toBe(true);
    expect(a.status.getSnapshot()).toEqual({ state: 'offline', unsynced: 1 });
    expect(b.status.getSnapshot()).toEqual({ state: 'offline', unsynced: 2 });
    expect(member.session.host.status.getSnapshot().unsynced).toBe(2);

    leader.session.host.connect();
    member.session.host.connect();
    expect(await leader.session.host.whenSettled(10_000)).toBe(true);
    expect(await member.session.host.whenSettled(10_000)).toBe(true);
    expect(a.status.getSnapshot()).toEqual({ state: 'online', unsynced: 0 });
    expect(b.status.getSnapshot()).toEqual({ state: 'online', unsynced: 0 });

    const ids = (handle: typeof a) => {
      const read = readProjectDoc(handle.doc);
      return {
        milestones: read.milestones.flatMap((m) => (m.ok ? [m.value.id] : [])).filter((id) => id === 'leader-m'),
        problems: read.problems
          .flatMap((p) => (p.ok ? [p.value.id] : []))
          .filter((id) => id.startsWith('member-q'))
          .sort(),
      };
    };
    const both = { milestones: ['leader-m'], problems: ['member-q', 'member-q2'] };
    await vi.waitFor(
      () =>
        expect(JSON.stringify(ids(a)) === JSON.stringify(both) && JSON.stringify(ids(b)) === JSON.stringify(both), 'both replicas to hold both edits').toBe(
          true,
        ),
      { timeout: 5_000 },
    );
  });

  it('a document of another workspace is refused with 4403: status refused with the code, and no retrying', async () => {
    const { running } = await start();
    const sockets: string[] = [];
    // Counts every socket the provider opens; a retry after the refusal would open another.
    class CountingSocket extends NodeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(String(url));
      }
    }
    const ws = await joinAs(running, 'member');
    const session = openSession(ws, {
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
      persistence: false,
      relay: false,
      maxBackoffTime: 200,
    });
    cleanups.push(() => session.close());
    expect(await session.workspace.whenSettled(10_000)).toBe(true);

    // Fake timers from here: the provider's reconnect timer can then be run on demand instead of waited for.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    cleanups.push(() => {
      vi.useRealTimers();
    });
    const other = session.host.open('ws/someone-else');
    // vi.waitFor moves the fake clock on as it polls: a reconnect timer would fire, and be counted below.
    await vi.waitFor(() => expect(other.status.getSnapshot().state).toBe('refused'), { timeout: 10_000 });
    expect(other.status.getSnapshot()).toEqual({ state: 'refused', unsynced: 0, closeCode: CloseCode.forbidden });
    expect(session.host.status.getSnapshot()).toMatchObject({ state: 'refused', closeCode: CloseCode.forbidden });
    const opened = sockets.filter((url) => url.includes('someone-else')).length;
    vi.advanceTimersByTime(10_000); // far past the 200 ms backoff
    expect(sockets.filter((url) => url.includes('someone-else')).length).toBe(opened);
    expect(opened).toBe(1);
  });

  it('a forged token is refused with 4401', async () => {
    const { running } = await start();
    const ws: JoinedWorkspace = {
      key: `${running.url}|w`,
      serverUrl: running.url,
      workspaceId: 'w',
      workspaceName: '',
      memberId: 'm',
      memberName: '',
      role: 'member',
      token: 'not-a-token',
      expiresAt: Date.now() + 86_400_000,
      joinedAt: 0,
    };
    const session = openSession(ws, { WebSocketPolyfill: WS, persistence: false, relay: false });
    cleanups.push(() => session.close());
    expect(await session.workspace.whenSettled(10_000)).toBe(true);
    expect(session.workspace.status.getSnapshot()).toMatchObject({ state: 'refused', closeCode: CloseCode.unauthenticated });
  });

  it("the member's checklist is computed from what the server holds", async () => {
    const { join, running } = await start();
    const member = await join('member');
    const startup = running.app.startup;
    if (startup.kind !== 'demo') throw new Error('no demo');
    const projection = await refreshProjection(member.db, member.session, shanghaiDate(Date.now()), { settleMs: 10_000 });
    expect(projection?.projects).toHaveLength(startup.invites.find((i) => i.role === 'member')?.projects ?? -1);
    expect(projection?.overdue).toBe(projection?.items.filter((i) => i.state === 'overdue').length);
  });
});
