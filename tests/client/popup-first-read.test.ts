import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GUATU_DB_NAME,
  openGuatuDb,
  readProjection,
  setLocale,
  workspaceKey,
  type ChecklistProjection,
  type GuatuDb,
  type JoinedWorkspace,
} from '../../client/db';
import { DEFAULT_DB_NAME, readPopupFirst, rememberWorkspace } from '../../client/popup-first-read';
import { CHOSEN_WORKSPACE_SETTING } from '../../client/popup-rows';
import { freshName } from './helpers';

// The popup paints from a plain IndexedDB read of the database Dexie keeps: written here with Dexie, read without it.
const dbs: GuatuDb[] = [];
function newDb(): GuatuDb {
  const db = openGuatuDb(freshName('popup-first'));
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const SERVER = 'http://127.0.0.1:8080';
const joined = (id: string, joinedAt: number): JoinedWorkspace => ({
  key: workspaceKey(SERVER, id),
  serverUrl: SERVER,
  workspaceId: id,
  workspaceName: `${id} 项目建设年`,
  memberId: 'alice',
  memberName: '张伟',
  role: 'member',
  token: 'tok',
  expiresAt: 2_000_000_000_000,
  joinedAt,
});
const checklist = (key: string, overdue: number): ChecklistProjection => ({
  key,
  asOf: '2026-04-03',
  memberId: 'alice',
  overdue,
  updatedAt: 1,
  items: Array.from({ length: overdue }, (_, i) => ({
    kind: 'milestone' as const,
    projectId: 'p1',
    projectName: '智能装备产业园',
    recordId: `m${i}`,
    title: `节点${i}`,
    due: '2026-03-31',
    state: 'overdue' as const,
    daysOverdue: 3,
    escalation: null,
  })),
  targets: [],
  projects: [{ id: 'p1', name: '智能装备产业园', stage: 'preparation' }],
});

/** The remembered choice, as another page of the extension would store it with Dexie. */
const setCurrentWorkspaceKey = (db: GuatuDb, key: string) => db.settings.put({ key: CHOSEN_WORKSPACE_SETTING, value: key });
const getCurrentWorkspaceKey = async (db: GuatuDb) => (await db.settings.get(CHOSEN_WORKSPACE_SETTING))?.value;

describe("the popup's first read", () => {
  it('reads the database Dexie keeps', () => {
    expect(DEFAULT_DB_NAME).toBe(GUATU_DB_NAME);
  });

  it("gives the language, the workspaces oldest first, and the oldest one's checklist when none was chosen", async () => {
    const db = newDb();
    await db.workspaces.bulkPut([joined('w2', 20), joined('w1', 10)]);
    await db.projections.bulkPut([checklist(workspaceKey(SERVER, 'w1'), 2), checklist(workspaceKey(SERVER, 'w2'), 0)]);
    await setLocale(db, 'en');
    const read = await readPopupFirst(db.name);
    expect(read?.locale).toBe('en');
    expect(read?.workspaces.map((w) => w.workspaceId)).toEqual(['w1', 'w2']);
    expect(read?.current?.workspaceId).toBe('w1');
    expect(read?.projection).toEqual(await readProjection(db, workspaceKey(SERVER, 'w1')));
    expect(read?.projection?.items.map((i) => i.title)).toEqual(['节点0', '节点1']);
  });

  it('follows the remembered choice, and a switch stored before Dexie loads is the one Dexie then reads', async () => {
    const db = newDb();
    await db.workspaces.bulkPut([joined('w1', 10), joined('w2', 20)]);
    await db.projections.bulkPut([checklist(workspaceKey(SERVER, 'w1'), 2), checklist(workspaceKey(SERVER, 'w2'), 1)]);
    await setCurrentWorkspaceKey(db, workspaceKey(SERVER, 'w2'));
    expect((await readPopupFirst(db.name))?.projection?.overdue).toBe(1);

    expect(await rememberWorkspace(db.name, workspaceKey(SERVER, 'w1'))).toBe(true);
    expect(await getCurrentWorkspaceKey(db)).toBe(workspaceKey(SERVER, 'w1'));
    const read = await readPopupFirst(db.name);
    expect(read?.current?.workspaceId).toBe('w1');
    expect(read?.projection?.overdue).toBe(2);
  });

  it('falls back to the oldest workspace when the remembered one was left, and says zh-CN without a language', async () => {
    const db = newDb();
    await db.workspaces.put(joined('w1', 10));
    await setCurrentWorkspaceKey(db, workspaceKey(SERVER, 'gone'));
    const read = await readPopupFirst(db.name);
    expect(read?.current?.workspaceId).toBe('w1');
    expect(read?.projection).toBeNull();
    expect(read?.locale).toBe('zh-CN');
  });

  it('leaves out rows that do not validate: a broken workspace, a broken checklist', async () => {
    const db = newDb();
    await db.workspaces.bulkPut([joined('w1', 10), { ...joined('old', 5), token: '', role: 'chief' as 'admin' }]);
    await db.projections.put({ ...checklist(workspaceKey(SERVER, 'w1'), 1), asOf: '2026-02-30' });
    const read = await readPopupFirst(db.name);
    expect(read?.workspaces.map((w) => w.workspaceId)).toEqual(['w1']);
    expect(read?.projection).toBeNull();
  });

  it('reads nothing joined from a database that does not exist yet, and leaves its creation to Dexie', async () => {
    const name = freshName('popup-first-none');
    expect(await readPopupFirst(name)).toEqual({ locale: 'zh-CN', workspaces: [], current: null, projection: null });
    expect((await indexedDB.databases()).some((d) => d.name === name)).toBe(false);
    const db = openGuatuDb(name);
    dbs.push(db);
    await db.workspaces.put(joined('w1', 10));
    expect((await readPopupFirst(name))?.current?.workspaceId).toBe('w1');
  });

  it('answers null for a database of another shape, so the page waits for Dexie', async () => {
    const name = freshName('popup-first-other');
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('something-else');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    });
    expect(await readPopupFirst(name)).toBeNull();
    indexedDB.deleteDatabase(name);
  });
});
