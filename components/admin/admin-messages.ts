import { useMemo } from 'react';
import { adminMessages } from '../../shared/i18n/admin';
import { EXTENSION_PAGE_TABLES } from '../../shared/i18n/extension-pages';
import type { MessageKey } from '../../shared/i18n';
import { createTranslator, type MessageParams } from '../../shared/i18n/translate';
import type { Label } from '../../client/view-models/admin/form-fields';
import { useMessages } from '../common/i18n-context';

// The console's own table on top of the extension pages' ones; the popup does not bundle it.
const adminText = createTranslator([adminMessages, ...EXTENSION_PAGE_TABLES]);
export type AdminMessageKey = Parameters<typeof adminText.t>[1];

export interface AdminMessages {
  t: (key: AdminMessageKey, params?: MessageParams) => string;
  /** A key that arrives as data (a FieldError's, a Label's). */
  say: (key: MessageKey, params?: MessageParams) => string;
  label: (label: Label) => string;
  locale: ReturnType<typeof useMessages>['locale'];
}

export function useAdminMessages(): AdminMessages {
  const { locale } = useMessages();
  return useMemo(() => {
    const say = (key: MessageKey, params?: MessageParams) => (adminText.has(key) ? adminText.t(locale, key, params) : adminText.t(locale, 'err.generic'));
    return {
      locale,
      t: (key: AdminMessageKey, params?: MessageParams) => adminText.t(locale, key, params),
      say,
      label: (label: Label) => ('text' in label ? label.text : say(label.key, label.params)),
    };
  }, [locale]);
}
