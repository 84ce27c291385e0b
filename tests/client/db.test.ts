import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getLocale,
  openGuatuDb,
  readProjection,
  readProjections,
  readWorkspaces,
  setLocale,
  workspaceKey,
  type GuatuDb,
  type JoinedWorkspace,
} from '../../client/db';
import { freshName } from './helpers';

const dbs: GuatuDb[] = [];
function newDb(): GuatuDb {
  const db = openGuatuDb(freshName());
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const joined = (id: string, joinedAt: number): JoinedWorkspace => ({
  key: workspaceKey('http://127.0.0.1:8080', id),
  serverUrl: 'http://127.0.0.1:8080',
  workspaceId: id,
  workspaceName: '某市项目建设年',
  memberId: 'alice',
  memberName: '张伟',
  role: 'member',
  token: 'tok',
  expiresAt: 2_000_000_000_000,
  joinedAt,
});

describe('GuatuDb', () => {
  it('keeps joined workspaces and gives them back oldest first', async () => {
    const db = newDb();
    await db.workspaces.bulkPut([joined('w2', 20), joined('w1', 10)]);
    expect((await readWorkspaces(db)).map((w) => w.workspaceId)).toEqual(['w1', 'w2']);
    expect(workspaceKey('http://127.0.0.1:8080', 'w1')).toBe('http://127.0.0.1:8080|w1');
  });

  it('skips rows an older version wrote in another shape instead of failing the whole list', async () => {
    const db = newDb();
    await db.workspaces.put(joined('w1', 10));
    // Written by "an older version": no token, role unknown. Dexie stores whatever it is given.
    await db.workspaces.put({ ...joined('old', 5), token: '', role: 'chief' as 'admin' });
    expect((await readWorkspaces(db)).map((w) => w.workspaceId)).toEqual(['w1']);
  });

  it('gives back a stored checklist, and null for a missing or malformed one', async () => {
    const db = newDb();
    const projection = {
      key: 'k1',
      asOf: '2026-03-10',
      memberId: 'alice',
      overdue: 1,
      updatedAt: 1,
      items: [
        {
          kind: 'milestone' as const,
          projectId: 'p1',
          projectName: '产业园',
          recordId: 'm1',
          title: '立项',
          due: '2026-03-01',
          state: 'overdue' as const,
          daysOverdue: 9,
          escalation: 'reminded' as const,
        },
      ],
      targets: [],
      projects: [{ id: 'p1', name: '产业园', stage: 'preparation' as const }],
    };
    await db.projections.put(projection);
    await db.projections.put({ ...projection, key: 'k2', asOf: '2026-02-30' });
    expect(await readProjection(db, 'k1')).toEqual(projection);
    expect(await readProjection(db, 'k2')).toBeNull();
    expect(await readProjection(db, 'missing')).toBeNull();
    expect((await readProjections(db)).map((p) => p.key)).toEqual(['k1']);
  });

  it('remembers the language; zh-CN by default and when the stored value is not a language', async () => {
    const db = newDb();
    expect(await getLocale(db)).toBe('zh-CN');
    await setLocale(db, 'en');
    expect(await getLocale(db)).toBe('en');
    await db.settings.put({ key: 'locale', value: 'fr' });
    expect(await getLocale(db)).toBe('zh-CN');
  });
});
