import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_WINDOW, activityArray, readActivity } from '../../../shared/model/activity';
import { editProject } from '../../../shared/model/project-edit';
import { validValues } from '../../../shared/model/result';
import { MARCH_1, newProject } from './fixtures';

const note = (i: number): string => `进展标记${i}号：主体结构施工第${i}层`;
const editor = (i: number) => ({ memberId: i % 2 === 0 ? 'alice' : 'bob', at: MARCH_1 + i * 60_000 });

/** `edits` 形象进度 edits through the model, each its own transaction; returns every update the document emitted. */
function progressEdits(doc: Y.Doc, edits: number, from = 0): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const keep = (update: Uint8Array) => updates.push(update);
  doc.on('update', keep);
  for (let i = from; i < from + edits; i++) expect(editProject(doc, { progressNote: note(i) }, editor(i)).ok).toBe(true);
  doc.off('update', keep);
  return updates;
}

/** The 形象进度 notes the document's activity stream still quotes, oldest first. */
function notesInActivity(doc: Y.Doc): unknown[] {
  return validValues(readActivity(doc))
    .filter((e) => e.field === 'progressNote')
    .map((e) => e.to);
}

/** Whether `text` appears anywhere in the encoded bytes (Yjs writes strings as UTF-8). */
function encodedContains(state: Uint8Array, text: string): boolean {
  return Buffer.from(state).includes(Buffer.from(text, 'utf8'));
}

describe('the activity window (the newest ACTIVITY_WINDOW entries stay in the document)', () => {
  it('keeps the newest entries after many edits, in order, the latest last', () => {
    const doc = newProject();
    progressEdits(doc, ACTIVITY_WINDOW + 150);
    const notes = notesInActivity(doc);
    expect(activityArray(doc).length).toBe(ACTIVITY_WINDOW);
    expect(notes.at(-1)).toBe(note(ACTIVITY_WINDOW + 149));
    expect(notes[0]).toBe(note(150));
    expect(notes).not.toContain(note(149));
  });

  it('a small project keeps all of its activity', () => {
    const doc = newProject();
    const before = activityArray(doc).length;
    progressEdits(doc, 20);
    expect(activityArray(doc).length).toBe(before + 20);
  });

  it('a document that grew before the window is trimmed by its next write, keeping the newest', () => {
    const doc = newProject();
    // what older versions wrote: every entry kept
    doc.transact(() => {
      activityArray(doc).push(
        Array.from({ length: 3_000 }, (_, i) => ({ by: 'alice', at: MARCH_1 + i, action: 'project.edit', record: null, field: 'progressNote', to: note(i) })),
      );
    });
    expect(activityArray(doc).length).toBeGreaterThan(3_000);
    progressEdits(doc, 1, 5_000);
    const notes = notesInActivity(doc);
    expect(activityArray(doc).length).toBe(ACTIVITY_WINDOW);
    expect(notes.at(-1)).toBe(note(5_000));
    expect(notes.at(-2)).toBe(note(2_999));
  });

  it('the trimmed entries’ content is gone from the encoded state, on the writer and on a replica built from every update', () => {
    const doc = newProject();
    const base = Y.encodeStateAsUpdate(doc);
    const updates = progressEdits(doc, ACTIVITY_WINDOW * 3);
    // the oldest edit's note is also the project's progressNote no more (overwritten), so only activity could keep it
    const oldest = note(0);
    const newest = note(ACTIVITY_WINDOW * 3 - 1);
    const state = Y.encodeStateAsUpdate(doc);
    expect(encodedContains(state, newest)).toBe(true);
    expect(encodedContains(state, oldest)).toBe(false);
    // the server's way: a fresh document (gc on, the default) applying every stored update in turn
    const server = new Y.Doc();
    Y.applyUpdate(server, base);
    for (const update of updates) Y.applyUpdate(server, update);
    const served = Y.encodeStateAsUpdate(server);
    expect(encodedContains(served, oldest)).toBe(false);
    expect(activityArray(server).toJSON()).toEqual(activityArray(doc).toJSON());
    // and the old updates themselves still hold it: the full history stays in the server's log
    expect(updates.some((u) => encodedContains(u, oldest))).toBe(true);
  });
});
