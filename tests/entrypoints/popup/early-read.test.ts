import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuatuDb, workspaceKey, type JoinedWorkspace } from '../../../client/db';
import type { PopupFirstRead } from '../../../client/popup-first-read';
import { DEFAULT_DB_NAME, type PopupRows } from '../../../client/popup-rows';
import { EARLY_READ_GLOBAL, takeEarlyRead } from '../../../entrypoints/popup/early-read';

const SERVER = 'http://127.0.0.1:8080';
const ws: JoinedWorkspace = {
  key: workspaceKey(SERVER, 'w1'),
  serverUrl: SERVER,
  workspaceId: 'w1',
  workspaceName: '云川市2026年项目建设年',
  memberId: 'alice',
  memberName: '张伟',
  role: 'member',
  token: 'tok',
  expiresAt: 2_000_000_000_000,
  joinedAt: 1,
};
const handed: PopupRows = { locale: 'en', chosen: undefined, workspaces: [ws], projections: [] };
const read: PopupFirstRead = { locale: 'en', workspaces: [ws], current: ws, projection: null };

afterEach(() => {
  Reflect.deleteProperty(globalThis, EARLY_READ_GLOBAL);
});

describe("the read popup.html's classic script started", () => {
  it('is taken once, checked, and gone from the page afterwards', async () => {
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.resolve(handed));
    expect(await takeEarlyRead()).toEqual(read);
    expect(Reflect.has(globalThis, EARLY_READ_GLOBAL)).toBe(false);
  });

  it('leaves out a row that does not validate, and is refused when what was left there is not the rows', async () => {
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.resolve({ ...handed, workspaces: [{ ...ws, role: 'chief' }] }));
    expect(await takeEarlyRead()).toEqual({ ...read, workspaces: [], current: null });
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.resolve({ ...read }));
    expect(await takeEarlyRead()).toBeNull();
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.reject(new Error('blocked')));
    expect(await takeEarlyRead()).toBeNull();
  });

  it('is made by the page itself when the script did not run', async () => {
    const db = openGuatuDb(DEFAULT_DB_NAME);
    await db.workspaces.put(ws);
    expect((await takeEarlyRead())?.current?.workspaceName).toBe('云川市2026年项目建设年');
    await db.delete();
  });
});
