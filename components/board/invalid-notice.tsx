import type { InvalidItem } from '../../client/view-models/board/board-content';
import { describeFieldErrors, t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';

/** Records another replica wrote badly: counted and named with their reasons; the board works around them. */
export function InvalidNotice({ items, locale }: { items: readonly InvalidItem[]; locale: Locale }) {
  if (items.length === 0) return null;
  return (
    <details className="invalid-notice" role="note">
      <summary>{t(locale, 'board.invalidRecords', { count: items.length })}</summary>
      <ul>
        {items.slice(0, 50).map((item, i) => (
          <li key={`${item.id}-${i}`} className="invalid-record">
            {item.id}: {t(locale, 'board.invalidRecord', { reason: describeFieldErrors(item.reasons, locale).join('；') })}
          </li>
        ))}
      </ul>
    </details>
  );
}
