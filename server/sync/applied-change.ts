import * as Y from 'yjs';
import { ACTIVITY_WINDOW } from '../../shared/model/activity';

/** One top-level map entry a client's update set or deleted: its value before and after (undefined = absent). */
export interface KeyChange {
  map: string;
  key: string;
  before: unknown;
  after: unknown;
}

/** Values a client's update appended to a top-level array (an activity stream). */
export interface ArrayAppend {
  array: string;
  values: unknown[];
}

/**
 * Entries a client's update deleted from a top-level array that held them before it (its own entries appended and
 * deleted in the same update are not counted): how many, and the fewest entries left after any one of them once the
 * update applied, counted up to `LATER_COUNTED` (an activity stream keeps its newest entries; see ACTIVITY_WINDOW).
 */
export interface ArrayRemoval {
  array: string;
  entries: number;
  fewestLater: number;
}

/**
 * How far the entries after a removed one are counted: as far as the activity window reaches, since no rule asks
 * more, and counting further would make each update's cost grow with the array.
 */
export const LATER_COUNTED = ACTIVITY_WINDOW;

/**
 * What a client's update did to a document, in the terms rights are decided in: top-level map keys with their old
 * and new values, array insertions and deletions, and the top-level names under which it touched nested shared types
 * (our model stores plain JSON only, so any nested type is foreign).
 */
export interface AppliedChange {
  keys: KeyChange[];
  appended: ArrayAppend[];
  removed: ArrayRemoval[];
  /** Top-level names whose nested shared types changed, or with a shared type written as a value. */
  nested: string[];
  /** Top-level types that changed, with their entry count after the change (keys of a map, length of an array). */
  sizes: Array<{ name: string; entries: number }>;
}

/**
 * Reads what `transaction` changed. Must run in the document's `afterTransaction` event: old values of overwritten
 * keys are still in the deleted items then, and are garbage-collected right after.
 */
export function appliedChange(transaction: Y.Transaction): AppliedChange {
  const change: AppliedChange = { keys: [], appended: [], removed: [], nested: [], sizes: [] };
  const nested = new Set<string>();
  const lists = listChanges(transaction);
  for (const [type, subs] of transaction.changed) {
    const name = rootName(type);
    if (type._item !== null) {
      nested.add(name);
      continue;
    }
    // On the server most top-level types were never asked for as a Y.Map or Y.Array, so they are plain
    // AbstractTypes: read them generically (keys from the changed subs, list content from the transaction's structs;
    // the event's delta would walk the whole list, tombstones included, on every update).
    const event = new Y.YEvent(type, transaction);
    let isList = false;
    for (const sub of subs) {
      if (sub === null) {
        isList = true;
        continue;
      }
      const current = type._map.get(sub);
      // a concurrent write that lost to the value already there changes nothing (the winner was not written now)
      if (current !== undefined && !event.adds(current) && !event.deletes(current)) continue;
      const after = currentValue(current);
      if (after instanceof Y.AbstractType) nested.add(name);
      change.keys.push({ map: name, key: sub, before: event.changes.keys.get(sub)?.oldValue, after });
    }
    if (isList) {
      const list = lists.get(type);
      const values: unknown[] = [];
      for (const item of list?.added ?? []) {
        if (item.deleted) continue;
        for (const value of item.content.getContent()) {
          if (value instanceof Y.AbstractType) nested.add(name);
          values.push(value);
        }
      }
      if (values.length > 0) change.appended.push({ array: name, values });
      if (list && list.removed.length > 0) {
        const entries = list.removed.reduce((sum, item) => sum + item.length, 0);
        change.removed.push({ array: name, entries, fewestLater: fewestLaterThan(list.removed) });
      }
      change.sizes.push({ name, entries: type._length });
    } else {
      change.sizes.push({ name, entries: type._map.size });
    }
  }
  change.nested = [...nested];
  return change;
}

/** A type as a transaction lists it among the changed ones. */
type ChangedType = Parameters<Y.Transaction['changed']['get']>[0];

interface ListChange {
  /** Items the transaction added to the list, in each client's clock order. */
  added: Y.Item[];
  /** Items the list held before the transaction and the transaction deleted, in each client's clock order. */
  removed: Y.Item[];
}

/** The list items a transaction added and removed, by parent type; reads only the transaction's own structs. */
function listChanges(transaction: Y.Transaction): Map<ChangedType, ListChange> {
  const out = new Map<ChangedType, ListChange>();
  const of = (type: ChangedType): ListChange => {
    let list = out.get(type);
    if (!list) {
      list = { added: [], removed: [] };
      out.set(type, list);
    }
    return list;
  };
  const isListItem = (struct: Y.Item | Y.GC): struct is Y.Item =>
    struct instanceof Y.Item && struct.parentSub === null && struct.parent instanceof Y.AbstractType && struct.countable;
  const { beforeState, afterState } = transaction;
  for (const [client, after] of afterState) {
    const before = beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = transaction.doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct === undefined) break;
      if (isListItem(struct)) of(struct.parent as ChangedType).added.push(struct);
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!isListItem(struct)) return;
    // appended and deleted by this same update: nothing the document held is gone
    if (struct.id.clock >= (beforeState.get(struct.id.client) ?? 0)) return;
    of(struct.parent as ChangedType).removed.push(struct);
  });
  return out;
}

/**
 * The fewest live entries after any of `removed` in their list, counted up to LATER_COUNTED. Walks right from each
 * removed item, latest first, and stops at an item already known to have enough after it, so a trim of the oldest
 * entries costs about the window plus the removed entries, whatever the list's length.
 */
function fewestLaterThan(removed: readonly Y.Item[]): number {
  const enough = new Set<Y.Item>();
  let fewest = LATER_COUNTED;
  for (let i = removed.length - 1; i >= 0; i--) {
    const start = removed[i];
    if (start === undefined) continue;
    let later = 0;
    let known = false;
    for (let item = start.right; item !== null && later < LATER_COUNTED; item = item.right) {
      if (enough.has(item)) {
        known = true;
        break;
      }
      if (!item.deleted && item.countable) later += item.length;
    }
    if (known || later >= LATER_COUNTED) enough.add(start);
    else fewest = Math.min(fewest, later);
  }
  return fewest;
}

/** The value a map entry holds now: the last of its item's content, or undefined when deleted. */
function currentValue(item: Y.Item | undefined): unknown {
  if (item === undefined || item.deleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/**
 * The top-level name a shared type lives under ('' when it is not in a document). Generic over the event type Yjs
 * types its shared types by, so a type of any kind is taken.
 */
export function rootName<EventType>(type: Y.AbstractType<EventType>): string {
  let top: Y.AbstractType<EventType> = type;
  while (top._item !== null && top._item.parent instanceof Y.AbstractType) top = top._item.parent;
  try {
    return Y.findRootTypeKey(top);
  } catch {
    return '';
  }
}
