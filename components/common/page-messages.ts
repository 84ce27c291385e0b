import type { PageMessageKey } from '../../shared/i18n/extension-pages';
import { fillMessage, type Translator } from '../../shared/i18n/translate';
import type { Locale } from '../../shared/schema/common';

/** One language's page messages (shared/i18n/extension-pages.ts), as scripts/build/page-messages-plugin.ts serves them. */
export type PageTable = Readonly<Record<PageMessageKey, string>>;

// Each language is its own chunk: a page downloads the one it shows, the other only if the language changes.
const IMPORTS: Record<Locale, () => Promise<{ default: PageTable }>> = {
  'zh-CN': () => import('virtual:page-messages/zh-CN'),
  en: () => import('virtual:page-messages/en'),
};

const loaded = new Map<Locale, PageTable>();
const loading = new Map<Locale, Promise<void>>();

/** Loads one language's page messages (once; a failed load may be tried again). */
export function loadPageMessages(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = IMPORTS[locale]().then(
      (module) => {
        loaded.set(locale, module.default);
        loading.delete(locale);
      },
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** True once `locale`'s messages are loaded: a page speaks only a language it has the words for. */
export function hasPageMessages(locale: Locale): boolean {
  return loaded.has(locale);
}

/**
 * The page messages of whichever languages are loaded. A page asks for a language only once it is loaded
 * (usePageLocale); a key of a language not loaded reads as the key itself.
 */
export const loadedPageMessages: Translator<PageMessageKey> = {
  t(locale, key, params = {}) {
    return fillMessage(loaded.get(locale)?.[key] ?? key, params);
  },
  has(key: string): key is PageMessageKey {
    // both languages have the same keys (shared/i18n/define.ts makes a key missing in one a compile error)
    return [...loaded.values()].some((table) => Object.hasOwn(table, key));
  },
};
