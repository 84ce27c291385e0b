import type * as Y from 'yjs';
import type { RecordLayout } from './layout';
import { localOrigin, type Author } from './origin';
import { planCreate, planUpdate } from './records';
import type { ModelResult } from './result';
import { flatSlot, writeSlot } from './slots';
import { ok } from '../result';

/** Runs `fn` as one transaction attributed to `author`. */
export function commit(doc: Y.Doc, author: Author, fn: () => void): void {
  doc.transact(fn, localOrigin(author));
}

/** Add / update / archive for a flat collection whose changes need no activity entries (the workspace document). */
export function collectionOps<T extends object>(mapOf: (doc: Y.Doc) => Y.Map<unknown>, layout: RecordLayout<T>) {
  return {
    add(doc: Y.Doc, id: string, value: Record<string, unknown>, author: Author): ModelResult<{ id: string }> {
      const slot = flatSlot(mapOf(doc), id);
      const planned = planCreate(slot, layout, id, { ...value, archived: false });
      if (!planned.ok) return planned;
      commit(doc, author, () => writeSlot(slot, planned.plan.writes));
      return ok({ id });
    },
    update(doc: Y.Doc, id: string, patch: Record<string, unknown>, author: Author): ModelResult {
      const slot = flatSlot(mapOf(doc), id);
      const planned = planUpdate(slot, layout, id, patch);
      if (!planned.ok) return planned;
      if (planned.plan.writes.size > 0) commit(doc, author, () => writeSlot(slot, planned.plan.writes));
      return ok();
    },
  };
}
