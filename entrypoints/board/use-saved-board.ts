import { useEffect, useState } from 'react';
import { readBoardSnapshot, type BoardSnapshot } from '../../client/board-snapshot';
import type { GuatuDb, JoinedWorkspace } from '../../client/db';

type SavedRead = { key: string; snapshot: BoardSnapshot | null };

/**
 * The saved board of the workspace shown: undefined while it is being read, null when there is none to use (none
 * stored, not valid, saved by another member or before this join, or no database). `initial` is a read already done
 * (at page start); another workspace, or a re-join, is read here.
 */
export function useSavedBoard(db: GuatuDb | null, ws: JoinedWorkspace | undefined, initial: SavedRead | null | undefined): BoardSnapshot | null | undefined {
  const [own, setRead] = useState<SavedRead | null>(null);
  // The page-start read until this hook has read one of its own.
  const read = own ?? initial ?? null;
  const key = ws?.key;
  const memberId = ws?.memberId;
  const joinedAt = ws?.joinedAt;
  const known =
    key !== undefined && read?.key === key && (read.snapshot === null || (read.snapshot.memberId === memberId && read.snapshot.savedAt >= (joinedAt ?? 0)));
  useEffect(() => {
    // Nothing is read here before the page-start read has answered: it may already hold this workspace's board.
    if (key === undefined || memberId === undefined || joinedAt === undefined || known || initial === undefined) return;
    if (!db) {
      setRead({ key, snapshot: null });
      return;
    }
    let current = true;
    void readBoardSnapshot(db, { key, memberId, joinedAt }).then((snapshot) => {
      if (current) setRead({ key, snapshot });
    });
    return () => {
      current = false;
    };
  }, [db, key, memberId, joinedAt, known, initial]);
  // Read once per workspace: the live documents replace it from then on.
  return known ? read.snapshot : undefined;
}
