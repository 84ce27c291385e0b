import type { Locale } from '../shared/schema/common';
import { readBoardSnapshot, type BoardSnapshot } from './board-snapshot';
import { getLocale, readWorkspaces, type GuatuDb, type JoinedWorkspace } from './db';

/** What the board page needs before it can paint: the joined workspaces, the language, and the saved board. */
export interface BoardStart {
  workspaces: JoinedWorkspace[];
  locale: Locale;
  /** The saved board of the workspace shown (null: none to use), or null when no workspace is joined. */
  saved: { key: string; snapshot: BoardSnapshot | null } | null;
}

/** The workspace the board shows: the one asked for (`?ws=<key>`), else the first one joined. */
export function chooseWorkspace(workspaces: readonly JoinedWorkspace[], wanted: string | null): JoinedWorkspace | undefined {
  return workspaces.find((w) => w.key === wanted) ?? workspaces[0];
}

/**
 * Reads everything the board's first paint needs in one go, as soon as the page starts (before React has rendered
 * anything); null when the database cannot be read, and the page falls back to its live queries.
 */
export async function readBoardStart(db: GuatuDb, wanted: string | null): Promise<BoardStart | null> {
  try {
    const [workspaces, locale] = await Promise.all([readWorkspaces(db), getLocale(db)]);
    const ws = chooseWorkspace(workspaces, wanted);
    const saved = ws ? { key: ws.key, snapshot: await readBoardSnapshot(db, ws) } : null;
    return { workspaces, locale, saved };
  } catch {
    return null;
  }
}
