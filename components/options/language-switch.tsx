import type { Locale } from '../../shared/schema/common';
import { useMessages } from '../common/i18n-context';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** zh-CN / English; the choice is stored in Dexie settings and every page follows it. */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const { t, locale } = useMessages();
  return (
    <fieldset className="language-switch">
      <legend>{t('ui.language.title')}</legend>
      {LOCALES.map((l) => (
        <label key={l}>
          <input type="radio" name="locale" value={l} checked={locale === l} onChange={() => onChange(l)} />
          {t(`ui.language.${l}`)}
        </label>
      ))}
    </fieldset>
  );
}
