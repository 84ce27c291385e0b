import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { pageMessages, type PageMessageKey } from '../../shared/i18n/extension-pages';
import type { MessageParams } from '../../shared/i18n/translate';
import type { Locale } from '../../shared/schema/common';

// Not `shared/i18n` itself: that bundles every table (the board's, the server's…) into the popup's first paint.

/** What a component needs to speak: the page's language and `t` bound to it. */
export interface Messages {
  locale: Locale;
  /** A message of the popup and options pages; a key from another page's tables is a compile error. */
  t: (key: PageMessageKey, params?: MessageParams) => string;
  /**
   * A key that arrives as data (a FieldError's, from the model or a schema). These pages bundle every table such keys
   * come from; one they lack reads as the generic error rather than as a raw key.
   */
  say: (key: MessageKey, params?: MessageParams) => string;
}

const LocaleContext = createContext<Locale>('zh-CN');

/** The page's language for every component below; pages pass the one stored in Dexie settings. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useMessages(): Messages {
  const locale = useContext(LocaleContext);
  return useMemo(
    () => ({
      locale,
      t: (key: PageMessageKey, params?: MessageParams) => pageMessages.t(locale, key, params),
      say: (key: MessageKey, params?: MessageParams) => (pageMessages.has(key) ? pageMessages.t(locale, key, params) : pageMessages.t(locale, 'err.generic')),
    }),
    [locale],
  );
}
