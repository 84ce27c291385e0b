/**
 * Index look-ups a generator knows succeed (a name drawn for every member, a due date for every checklist step): a
 * slip throws here, saying which list fell short, instead of passing `undefined` on as a value.
 */
export function itemAt<T>(items: readonly T[], index: number, what: string): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new RangeError(`${what}: no item ${index} in a list of ${items.length}`);
  return items[index] as T;
}

/** The last item of a list the generator knows is not empty. */
export function lastOf<T>(items: readonly T[], what: string): T {
  return itemAt(items, items.length - 1, what);
}
