import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';

/** What a component needs to speak: the page's language and `t` bound to it. */
export interface Messages {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const LocaleContext = createContext<Locale>('zh-CN');

/** The page's language for every component below; pages pass the one stored in Dexie settings. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useMessages(): Messages {
  const locale = useContext(LocaleContext);
  return useMemo(() => ({ locale, t: (key: MessageKey, params?: MessageParams) => t(locale, key, params) }), [locale]);
}
