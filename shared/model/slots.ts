import type * as Y from 'yjs';
import { storedKeys, parseStored, type RecordLayout } from './layout';
import { describeRaw } from './plain-json';
import { fieldError, type RecordRead } from './result';
import { err } from '../result';

/**
 * Where one record lives: a single record owns a whole map (`field` keys); a record of a flat collection owns the
 * keys `<id>/<field>` of its collection's map. Never a nested Y.Map: two replicas creating the same nested map
 * concurrently would lose one side's fields.
 */
export interface Slot {
  map: Y.Map<unknown>;
  prefix: string;
}

export function singleSlot(map: Y.Map<unknown>): Slot {
  return { map, prefix: '' };
}

export function flatSlot(map: Y.Map<unknown>, id: string): Slot {
  return { map, prefix: `${id}/` };
}

/** The stored values of the layout's keys that are present. */
export function readSlot(slot: Slot, layout: RecordLayout<object>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const key of storedKeys(layout)) {
    const full = slot.prefix + key;
    if (slot.map.has(full)) out.set(key, slot.map.get(full));
  }
  return out;
}

export function writeSlot(slot: Slot, writes: ReadonlyMap<string, unknown>): void {
  for (const [key, value] of writes) slot.map.set(slot.prefix + key, value);
}

/** Every record of a flat collection, sorted by id so every replica reads the same list. */
export function readCollection<T extends object>(map: Y.Map<unknown>, layout: RecordLayout<T>): RecordRead<T>[] {
  const records = new Map<string, Map<string, unknown>>();
  const malformed: RecordRead<T>[] = [];
  for (const [key, value] of map.entries()) {
    const slash = key.indexOf('/');
    if (slash < 0) {
      malformed.push(err({ id: key, reasons: [fieldError('err.model.malformedKey')], raw: describeRaw(value) }));
      continue;
    }
    const id = key.slice(0, slash);
    let fields = records.get(id);
    if (!fields) {
      fields = new Map();
      records.set(id, fields);
    }
    fields.set(key.slice(slash + 1), value);
  }
  const ids = [...records.keys()].sort();
  const reads = ids.map((id) => parseStored(layout, id, records.get(id) ?? new Map()));
  return [...reads, ...malformed.sort((a, b) => (a.ok || b.ok ? 0 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))];
}

/** True when any key of the record is present. */
export function recordExists(slot: Slot, layout: RecordLayout<object>): boolean {
  return storedKeys(layout).some((key) => slot.map.has(slot.prefix + key));
}
