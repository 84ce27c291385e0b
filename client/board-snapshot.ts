import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { BOARD_SNAPSHOT_VERSION, BoardSnapshotSchema, type BoardSnapshot } from './board-snapshot-schema';
import type { BoardContent } from './view-models/board/board-content';
import { readWorkspace as readJoined, type GuatuDb, type JoinedWorkspace } from './db';

export { BOARD_SNAPSHOT_VERSION, BoardSnapshotSchema, type BoardSnapshot } from './board-snapshot-schema';

/**
 * The board snapshot cache: the board's display model (client/view-models/board) as last derived, one record per
 * joined workspace, so the board paints from one IndexedDB read and then swaps in the live documents. A cache only: a
 * record that does not validate, of another version, or saved before the current join (or by another member) is
 * ignored.
 */
export async function readBoardSnapshot(db: GuatuDb, ws: Pick<JoinedWorkspace, 'key' | 'memberId' | 'joinedAt'>): Promise<BoardSnapshot | null> {
  let row: unknown;
  try {
    row = await db.boardSnapshots.get(ws.key);
  } catch {
    // A database that cannot be read paints nothing from the cache; the live documents still load.
    return null;
  }
  const parsed = BoardSnapshotSchema.safeParse(row);
  if (!parsed.success) return null;
  const snapshot = parsed.data;
  if (snapshot.key !== ws.key || snapshot.memberId !== ws.memberId || snapshot.savedAt < ws.joinedAt) return null;
  return snapshot;
}

/**
 * Stores what the board derived from its live documents. Writes nothing (and returns false) when the workspace was
 * left, or re-joined as another member, meanwhile: the board of a workspace no longer joined is not kept.
 */
export async function saveBoardSnapshot(
  db: GuatuDb,
  ws: Pick<JoinedWorkspace, 'key' | 'memberId'>,
  content: BoardContent,
  source: string,
  savedAt: number,
): Promise<boolean> {
  const snapshot: BoardSnapshot = { key: ws.key, version: BOARD_SNAPSHOT_VERSION, memberId: ws.memberId, savedAt, source, content };
  try {
    return await db.transaction('rw', db.workspaces, db.boardSnapshots, async () => {
      const joined = await readJoined(db, ws.key);
      if (!joined || joined.memberId !== ws.memberId) return false;
      await db.boardSnapshots.put(snapshot);
      return true;
    });
  } catch {
    // A cache that cannot be written costs the next opening its head start, nothing else.
    return false;
  }
}

/** Deletes the snapshots of workspaces no longer joined (leaving does not know about this cache); returns how many. */
export async function pruneBoardSnapshots(db: GuatuDb): Promise<number> {
  try {
    return await db.transaction('rw', db.workspaces, db.boardSnapshots, async () => {
      const joined = new Set(await db.workspaces.toCollection().primaryKeys());
      const stale = (await db.boardSnapshots.toCollection().primaryKeys()).filter((key) => !joined.has(key));
      await db.boardSnapshots.bulkDelete(stale);
      return stale.length;
    });
  } catch {
    return 0;
  }
}

/**
 * Names the documents' state a board was derived from, and its day: equal sources mean an equal board, so an
 * unchanged board is not written again on every opening.
 */
export function boardSource(docs: readonly Y.Doc[], asOf: string): string {
  // A Yjs snapshot is the state vector plus the delete set: a deletion alone changes it too.
  return [asOf, ...docs.map((doc) => toBase64(Y.encodeSnapshot(Y.snapshot(doc))))].join('|');
}

export interface BoardSnapshotWriter {
  /** Saves this board; while a save is under way only the latest board waits for the next one. */
  write(content: BoardContent, source: string): void;
  /** Resolves once nothing is waiting or being written (tests, and a page that wants to close cleanly). */
  idle(): Promise<void>;
}

/** Saves a page's boards one after the other, dropping the ones a newer board overtook before its turn came. */
export function createBoardSnapshotWriter(db: GuatuDb, ws: Pick<JoinedWorkspace, 'key' | 'memberId'>, now: () => number = Date.now): BoardSnapshotWriter {
  let waiting: { content: BoardContent; source: string } | null = null;
  let running: Promise<void> | null = null;
  const drain = async (): Promise<void> => {
    while (waiting) {
      const next = waiting;
      waiting = null;
      await saveBoardSnapshot(db, ws, next.content, next.source, now());
    }
    running = null;
  };
  return {
    write(content, source) {
      waiting = { content, source };
      running ??= drain();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
