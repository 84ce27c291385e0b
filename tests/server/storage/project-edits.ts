/**
 * Builds real Yjs updates the way a cadre's popup would: edits to a project document, captured one update at a time.
 */
import * as Y from 'yjs';

export interface EditRecorder {
  doc: Y.Doc;
  /** Every update the edits produced, in order. */
  updates: Uint8Array[];
  /** Run one edit in its own transaction and return the update it produced. */
  edit(change: (project: Y.Map<unknown>, doc: Y.Doc) => void): Uint8Array;
}

export function recordEdits(clientId: number): EditRecorder {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return {
    doc,
    updates,
    edit(change) {
      const before = updates.length;
      doc.transact(() => change(doc.getMap('project'), doc));
      const produced = updates.slice(before);
      if (produced.length !== 1 || !produced[0]) throw new Error(`an edit produced ${produced.length} updates`);
      return produced[0];
    },
  };
}

/** The plain content of a stored state: what a person would see after loading it. */
export function contentOf(state: Uint8Array | null): { project: Record<string, unknown>; notes: string } | null {
  if (!state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return { project: doc.getMap('project').toJSON(), notes: doc.getText('notes').toString() };
}

/** Which clients wrote how many items: equal state vectors mean no edit is missing. */
export function stateVectorOf(state: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
}

/** Seeded generator (mulberry32) so every random choice in a test can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
