import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuatuDb, workspaceKey, type JoinedWorkspace } from '../../../client/db';
import { DEFAULT_DB_NAME, type PopupFirstRead } from '../../../client/popup-first-read';
import { EARLY_READ_GLOBAL, takeEarlyRead } from '../../../entrypoints/popup/early-read';

const SERVER = 'http://127.0.0.1:8080';
const ws: JoinedWorkspace = {
  key: workspaceKey(SERVER, 'w1'), serverUrl: SERVER, workspaceId: 'w1', workspaceName: '云川市2026年项目建设年', memberId: 'alice',
  memberName: '张伟', role: 'member', token: 'tok', expiresAt: 2_000_000_000_000, joinedAt: 1,
};
const handed: PopupFirstRead = { locale: 'en', workspaces: [ws], current: ws, projection: null };

afterEach(() => {
  Reflect.deleteProperty(globalThis, EARLY_READ_GLOBAL);
});

describe('the read popup.html\'s classic script started', () => {
  it('is taken once, checked, and gone from the page afterwards', async () => {
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.resolve(handed));
    expect(await takeEarlyRead()).toEqual(handed);
    expect(Reflect.has(globalThis, EARLY_READ_GLOBAL)).toBe(false);
  });

  it('is refused when what was left there is not a first read', async () => {
    Reflect.set(globalThis, EARLY_READ_GLOBAL, Promise.resolve({ ...handed, current: { ...ws, role: 'chief' } }));
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
