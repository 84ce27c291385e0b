import * as z from 'zod/mini';
import type { CircularNotes } from './view-models/circular/circular-document';

/** The part of Web Storage the notes need (localStorage in the page; a Map-backed fake in tests). */
export interface NotesStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What a stored entry may hold: read back through this schema, since anything could have written the key. */
const StoredNotesSchema = z.object({
  problems: z.optional(z.string().check(z.maxLength(20_000))),
  nextSteps: z.optional(z.string().check(z.maxLength(20_000))),
});

/**
 * Where the 项目办's own words for a month's 通报 (存在问题, 下步工作) are kept: the board page's localStorage, one key per
 * workspace and month, so a draft survives a reload and a browser restart on this computer. They are not synced:
 * the issued 通报 (.docx or print) is the document others receive.
 */
export function circularNotesKey(workspaceId: string, month: string): string {
  return `guatu.circular-notes.${workspaceId}.${month}`;
}

/** The saved notes of a month, or none when nothing (or nothing valid) was saved. */
export function loadCircularNotes(storage: NotesStorage | null, workspaceId: string, month: string): CircularNotes {
  if (!storage) return {};
  try {
    const raw = storage.getItem(circularNotesKey(workspaceId, month));
    if (raw === null) return {};
    const parsed = StoredNotesSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return {};
    const notes: CircularNotes = {};
    if (parsed.data.problems !== undefined) notes.problems = parsed.data.problems;
    if (parsed.data.nextSteps !== undefined) notes.nextSteps = parsed.data.nextSteps;
    return notes;
  } catch {
    return {};
  }
}

/** Saves the notes; false when the storage refused (full, or disabled), so the page can say the text is not kept. */
export function saveCircularNotes(storage: NotesStorage | null, workspaceId: string, month: string, notes: CircularNotes): boolean {
  if (!storage) return false;
  try {
    storage.setItem(circularNotesKey(workspaceId, month), JSON.stringify(notes));
    return true;
  } catch {
    return false;
  }
}

/** The page's localStorage, or null where there is none (a test, a sandboxed frame). */
export function pageStorage(): NotesStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
