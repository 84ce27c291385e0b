import * as Y from 'yjs';

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
 * What a client's update did to a document, in the terms rights are decided in: top-level map keys with their old
 * and new values, array insertions, and the top-level names under which it touched nested shared types (our model
 * stores plain JSON only, so any nested type is foreign).
 */
export interface AppliedChange {
  keys: KeyChange[];
  appended: ArrayAppend[];
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
  const change: AppliedChange = { keys: [], appended: [], nested: [], sizes: [] };
  const nested = new Set<string>();
  for (const [type, subs] of transaction.changed) {
    const name = rootName(type);
    if (type._item !== null) {
      nested.add(name);
      continue;
    }
    // On the server most top-level types were never asked for as a Y.Map or Y.Array, so they are plain
    // AbstractTypes: read them generically (keys from the changed subs, list content from the event's delta).
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
      const values: unknown[] = [];
      for (const item of event.changes.added) {
        if (item.deleted) continue;
        for (const value of item.content.getContent()) {
          if (value instanceof Y.AbstractType) nested.add(name);
          values.push(value);
        }
      }
      if (values.length > 0) change.appended.push({ array: name, values });
      change.sizes.push({ name, entries: type._length });
    } else {
      change.sizes.push({ name, entries: type._map.size });
    }
  }
  change.nested = [...nested];
  return change;
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
