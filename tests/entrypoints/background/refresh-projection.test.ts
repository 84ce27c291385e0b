import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGuatuDb, readProjection, workspaceKey, type GuatuDb, type JoinedWorkspace } from '../../../client/db';
import { createProjectionRefresh } from '../../../entrypoints/background/refresh-projection';
import { readProjectDoc } from '../../../shared/model/project-read';
import { tickMilestone } from '../../../shared/model/project-milestones';
import { buildWorld, ME } from '../../components/checklist/world';
import { freshName } from '../../client/helpers';
import { fakeSession } from '../popup/fake-session';

const NOW = Date.UTC(2026, 3, 3, 2); // 3 April 2026, 10:00 in Shanghai
const SERVER = 'http://127.0.0.1:8787';
const ws: JoinedWorkspace = {
  key: workspaceKey(SERVER, 'ws1'),
  serverUrl: SERVER,
  workspaceId: 'ws1',
  workspaceName: '',
  memberId: ME,
  memberName: '',
  role: 'member',
  token: 'tok',
  expiresAt: NOW + 86_400_000,
  joinedAt: NOW - 86_400_000,
};

let db: GuatuDb;
beforeEach(() => {
  db = openGuatuDb(freshName('refresh'));
});
afterEach(async () => {
  await db.delete();
});

describe('the worker refreshing a checklist a page asked for', () => {
  it("stores the checklist computed from the local documents, with the quarter's theme", async () => {
    const world = buildWorld();
    await db.workspaces.put(ws);
    const refresh = createProjectionRefresh({ db, openSession: (w) => fakeSession(w, world), now: () => NOW });
    expect(await refresh(ws.key)).toBe(true);
    const stored = await readProjection(db, ws.key);
    expect(stored?.items.filter((i) => i.state === 'overdue').map((i) => i.title)).toEqual(['规划选址', '施工用电未接入', '土地预审']);
    expect(stored?.theme).toEqual({ quarter: 2, theme: 'doubleHalf' });

    // A tick made in the popup's documents: the next refresh no longer lists it.
    const p1 = world.projects.get('p1')!;
    const milestone = readProjectDoc(p1).milestones.find((m) => m.ok && m.value.title === '规划选址');
    expect(tickMilestone(p1, milestone?.ok ? milestone.value.id : '', true, { memberId: ME, at: NOW }).ok).toBe(true);
    expect(await refresh(ws.key)).toBe(true);
    expect((await readProjection(db, ws.key))?.items.filter((i) => i.state === 'overdue').map((i) => i.title)).toEqual(['施工用电未接入', '土地预审']);
  });

  it('answers false for a workspace that is not joined, and stores nothing', async () => {
    const world = buildWorld();
    const refresh = createProjectionRefresh({ db, openSession: (w) => fakeSession(w, world), now: () => NOW });
    expect(await refresh(ws.key)).toBe(false);
    expect(await readProjection(db, ws.key)).toBeNull();
  });
});
