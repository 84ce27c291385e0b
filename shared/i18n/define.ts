/** A message table in both languages; the type makes a key missing in one language a compile error. */
export type MessageTable<K extends string> = { 'zh-CN': Record<K, string>; en: Record<K, string> };

export function defineMessages<const K extends string>(table: MessageTable<K>): MessageTable<K> {
  return table;
}
