import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { boardSource, createBoardSnapshotWriter, pruneBoardSnapshots, readBoardSnapshot, saveBoardSnapshot } from '../../client/board-snapshot';
import { readBoardStart } from '../../client/board-start';
import { openGuatuDb, readWorkspaces, setLocale, workspaceKey, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { BOARD_SNAPSHOT_VERSION } from '../../client/board-snapshot-schema';
import { boardContent, type BoardContent } from '../../client/view-models/board/board-content';
import { deriveBoard } from '../../client/view-models/board/board-data';
import { AS_OF, ROWS, WORKSPACE } from '../entrypoints/board/fixtures';
import { freshName } from './helpers';

const dbs: GuatuDb[] = [];
function newDb(name = freshName()): GuatuDb {
  const db = openGuatuDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const SERVER = 'http://127.0.0.1:8080';
const JOINED_AT = Date.UTC(2026, 3, 1);
const joined = (id: string, memberId = 'm-zhao', joinedAt = JOINED_AT): JoinedWorkspace => ({
  key: workspaceKey(SERVER, id),
  serverUrl: SERVER,
  workspaceId: id,
  workspaceName: '云川市项目建设年',
  memberId,
  memberName: '赵强',
  role: 'leader',
  token: 'tok',
  expiresAt: 2_000_000_000_000,
  joinedAt,
});

/** The fixture city's first screen as of 15 April: 3 projects, 3 targets. */
const CONTENT: BoardContent = boardContent(WORKSPACE, ROWS, deriveBoard(WORKSPACE, ROWS, AS_OF), []);
const SAVED_AT = Date.UTC(2026, 3, 15, 2);

describe('the board snapshot cache', () => {
  it('gives back the board it saved, figures included', async () => {
    const db = newDb();
    const ws = joined('w1');
    await db.workspaces.put(ws);
    expect(await saveBoardSnapshot(db, ws, CONTENT, 'src-1', SAVED_AT)).toBe(true);
    const read = await readBoardSnapshot(db, ws);
    expect(read?.source).toBe('src-1');
    expect(read?.content.pipeline.reduce((n, g) => n + g.count, 0)).toBe(3);
    // 310 of 1000 万元 against 25% 序时: the same line as the live board shows.
    const invest = read?.content.targets.find((t) => t.id === 't-invest');
    expect([invest?.result.actual, invest?.result.gapPoints, invest?.measure]).toEqual([310, 6, 'money']);
  });

  it('ignores a record that does not validate, is of another version, or another shape', async () => {
    const db = newDb();
    const ws = joined('w1');
    await db.workspaces.put(ws);
    await saveBoardSnapshot(db, ws, CONTENT, 'src-1', SAVED_AT);
    const good = await db.boardSnapshots.get(ws.key);
    if (!good) throw new Error('not saved');
    const bad = [
      { ...good, version: BOARD_SNAPSHOT_VERSION + 1 },
      // Version 1 kept one table of every unit kind (rankings.units, rankings.members): never shown again.
      { ...good, version: 1, content: { ...good.content, rankings: { units: good.content.rankings.leaders, members: good.content.rankings.leaders } } },
      { ...good, content: { ...good.content, pipeline: [{ stage: 'dreaming', unitId: null, countyId: null, category: 'industry', count: 3 }] } },
      { ...good, content: { ...good.content, targets: 'many' } },
      { key: ws.key, garbage: true },
    ];
    for (const record of bad) {
      // Written by "another version" of the extension: Dexie stores whatever it is given.
      await db.boardSnapshots.put(record as never);
      expect(await readBoardSnapshot(db, ws)).toBeNull();
    }
  });

  it('is nobody else’s: saved by another member, or before this join, it is not shown', async () => {
    const db = newDb();
    const ws = joined('w1');
    await db.workspaces.put(ws);
    await saveBoardSnapshot(db, ws, CONTENT, 'src-1', SAVED_AT);
    expect(await readBoardSnapshot(db, { ...ws, memberId: 'm-li' })).toBeNull();
    expect(await readBoardSnapshot(db, { ...ws, joinedAt: SAVED_AT + 1 })).toBeNull();
  });

  it('writes nothing for a workspace left (or re-joined as someone else) meanwhile, and prunes boards of workspaces left', async () => {
    const db = newDb();
    const w1 = joined('w1');
    const w2 = joined('w2');
    await db.workspaces.bulkPut([w1, w2]);
    expect(await saveBoardSnapshot(db, joined('gone'), CONTENT, 'src', SAVED_AT)).toBe(false);
    expect(await saveBoardSnapshot(db, { ...w1, memberId: 'm-li' }, CONTENT, 'src', SAVED_AT)).toBe(false);
    expect(await db.boardSnapshots.count()).toBe(0);

    await saveBoardSnapshot(db, w1, CONTENT, 'src', SAVED_AT);
    await saveBoardSnapshot(db, w2, CONTENT, 'src', SAVED_AT);
    await db.workspaces.delete(w2.key);
    expect(await pruneBoardSnapshots(db)).toBe(1);
    expect(await db.boardSnapshots.toCollection().primaryKeys()).toEqual([w1.key]);
  });

  it('saves one board at a time, and only the newest of those that waited', async () => {
    const db = newDb();
    const ws = joined('w1');
    await db.workspaces.put(ws);
    const saves: string[] = [];
    db.boardSnapshots.hook('creating', (_key, record) => void saves.push(record.source));
    db.boardSnapshots.hook('updating', (changes) => void saves.push(String((changes as { source?: unknown }).source)));
    const writer = createBoardSnapshotWriter(db, ws, () => SAVED_AT);
    writer.write(CONTENT, 'a');
    writer.write(CONTENT, 'b');
    writer.write(CONTENT, 'c');
    await writer.idle();
    // 'a' was under way; 'b' was overtaken by 'c' before its turn.
    expect(saves).toEqual(['a', 'c']);
    expect((await readBoardSnapshot(db, ws))?.source).toBe('c');
  });

  it('names the documents’ state: the same state and day read the same, an edit or a deletion changes it', () => {
    const doc = new Y.Doc();
    doc.getMap('rows').set('p1', { stage: 'started' });
    doc.getMap('rows').set('p2', { stage: 'planning' });
    const before = boardSource([doc], '2026-04-15');
    expect(boardSource([doc], '2026-04-15')).toBe(before);
    expect(boardSource([doc], '2026-04-16')).not.toBe(before);
    doc.getMap('rows').delete('p2');
    const afterDelete = boardSource([doc], '2026-04-15');
    expect(afterDelete).not.toBe(before);
    doc.getMap('rows').set('p1', { stage: 'completed' });
    expect(boardSource([doc], '2026-04-15')).not.toBe(afterDelete);
  });
});

describe('the board page’s first read', () => {
  it('reads the workspaces, the language and the saved board of the workspace asked for', async () => {
    const db = newDb();
    const [w1, w2] = [joined('w1', 'm-zhao', JOINED_AT), joined('w2', 'm-zhao', JOINED_AT + 1)];
    await db.workspaces.bulkPut([w1, w2]);
    await setLocale(db, 'en');
    await saveBoardSnapshot(db, w2, CONTENT, 'w2-src', SAVED_AT);
    const asked = await readBoardStart(db, w2.key);
    expect(asked?.locale).toBe('en');
    expect(asked?.workspaces.map((w) => w.workspaceId)).toEqual(['w1', 'w2']);
    expect(asked?.saved?.key).toBe(w2.key);
    expect(asked?.saved?.snapshot?.source).toBe('w2-src');
    // Without ?ws= the first workspace joined is shown, and it has no saved board.
    const first = await readBoardStart(db, null);
    expect(first?.saved).toEqual({ key: w1.key, snapshot: null });
  });

  it('opens a database an older version of the extension created (version 1, no snapshot table) and keeps its rows', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(1).stores({ workspaces: '&key, workspaceId', projections: '&key', notifications: '&id', settings: '&key' });
    await old.table('workspaces').put(joined('w1'));
    old.close();

    const db = newDb(name);
    expect((await readWorkspaces(db)).map((w) => w.workspaceId)).toEqual(['w1']);
    expect(await readBoardStart(db, null)).toEqual({ workspaces: [joined('w1')], locale: 'zh-CN', saved: { key: joined('w1').key, snapshot: null } });
    expect(await saveBoardSnapshot(db, joined('w1'), CONTENT, 'src', SAVED_AT)).toBe(true);
  });
});
