import type { Locale } from '../schema/common';
import type { MessageTable } from './define';

export type MessageParams = Record<string, string | number>;

/** The keys of a message table (or of a union of tables). */
export type KeysOf<T> = T extends { 'zh-CN': Record<infer K, string> } ? K : never;

/** `t` over a fixed set of tables: a page bundles only the tables it passes here. */
export interface Translator<K extends string> {
  t(locale: Locale, key: K, params?: MessageParams): string;
  /** True when `key` is in these tables (for keys that arrive as data, e.g. a FieldError's). */
  has(key: string): key is K;
}

/** A message template with its {name} placeholders filled from params (an unknown name stays as written). */
export function fillMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function createTranslator<const T extends readonly MessageTable<string>[]>(tables: T): Translator<KeysOf<T[number]>> {
  type K = KeysOf<T[number]>;
  const merged: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };
  for (const table of tables) {
    Object.assign(merged['zh-CN'], table['zh-CN']);
    Object.assign(merged.en, table.en);
  }
  return {
    t(locale, key, params = {}) {
      return fillMessage(merged[locale][key] ?? merged['zh-CN'][key] ?? key, params);
    },
    has(key: string): key is K {
      return Object.hasOwn(merged['zh-CN'], key);
    },
  };
}
