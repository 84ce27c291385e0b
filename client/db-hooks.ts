import { liveQuery } from 'dexie';
import { createContext, useContext, useMemo, useSyncExternalStore, type DependencyList } from 'react';
import type { Locale } from '../shared/schema/common';
import { DEFAULT_LOCALE, getLocale, type GuatuDb } from './db';

/** The page's Dexie database; pages provide it once at the root (`<DbContext.Provider value={db}>`). */
export const DbContext = createContext<GuatuDb | null>(null);

export function useDb(): GuatuDb | null {
  return useContext(DbContext);
}

/** A store over a Dexie live query: undefined until the first result, then every new result. */
function liveStore<T>(query: () => Promise<T> | T): { subscribe(cb: () => void): () => void; getSnapshot(): T | undefined } {
  let value: T | undefined;
  return {
    subscribe(onChange) {
      const subscription = liveQuery(query).subscribe({
        next(next) {
          value = next;
          onChange();
        },
        // A failing query leaves the last value on screen; the reader decides what a missing value means.
        error() {},
      });
      return () => subscription.unsubscribe();
    },
    getSnapshot: () => value,
  };
}

/** Dexie `liveQuery` through `useSyncExternalStore`: re-runs when the tables it read change (also from other pages). */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: DependencyList): T | undefined {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `query` depends on
  const store = useMemo(() => liveStore(query), deps);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The chosen language (zh-CN until the settings row is read, and when no database is provided). */
export function useLocale(): Locale {
  const db = useDb();
  const locale = useLiveQuery(() => (db ? getLocale(db) : DEFAULT_LOCALE), [db]);
  return locale ?? DEFAULT_LOCALE;
}
