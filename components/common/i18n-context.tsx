import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n';
import type { PageMessageKey } from '../../shared/i18n/extension-pages';
import type { MessageParams, Translator } from '../../shared/i18n/translate';
import type { Locale } from '../../shared/schema/common';

// No message table is imported here: each page hands its own to LocaleProvider — the popup only the language it shows
// (components/common/page-messages.ts), the other pages shared/i18n/extension-pages' `pageMessages`.

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

/** The page tables a page speaks from (both languages, or at least the one it shows). */
export type PageMessages = Translator<PageMessageKey>;

const LocaleContext = createContext<{ locale: Locale; messages: PageMessages } | null>(null);

/** The page's language (the one stored in Dexie settings) and its tables, for every component below. */
export function LocaleProvider({ locale, messages, children }: { locale: Locale; messages: PageMessages; children: ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useMessages(): Messages {
  const context = useContext(LocaleContext);
  if (!context) throw new Error('useMessages: no LocaleProvider above this component');
  const { locale, messages } = context;
  return useMemo(
    () => ({
      locale,
      t: (key: PageMessageKey, params?: MessageParams) => messages.t(locale, key, params),
      say: (key: MessageKey, params?: MessageParams) => (messages.has(key) ? messages.t(locale, key, params) : messages.t(locale, 'err.generic')),
    }),
    [locale, messages],
  );
}
