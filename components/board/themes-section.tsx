import { describeThemeCheck, type ThemeCheck } from '../../shared/calc/themes';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import type { BoardData } from '../../client/view-models/board/board-data';

function themeTitle(check: ThemeCheck, locale: Locale): string {
  return check.kind === 'quarter' ? t(locale, 'board.theme.quarter', { quarter: check.quarter, theme: t(locale, `theme.${check.theme}`) }) : check.name;
}

/** The current quarter theme (开门红/双过半/攻坚/收官) and every theme's checks, then the 百日会战 windows. */
export function ThemesSection({ current, themes, locale }: Pick<BoardData, 'current' | 'themes'> & { locale: Locale }) {
  return (
    <section className="board-section" aria-labelledby="board-themes">
      <h2 id="board-themes">{t(locale, 'board.section.themes')}</h2>
      <p className="theme-current">
        {current ? t(locale, 'board.theme.current', { quarter: current.quarter, theme: t(locale, `theme.${current.theme}`) }) : t(locale, 'board.theme.none')}
      </p>
      <ul className="theme-list">
        {themes.map((check) => (
          <li key={check.kind === 'quarter' ? `q${check.quarter}` : check.windowId} className={`theme theme-${check.status}`} data-theme-status={check.status}>
            <strong>{themeTitle(check, locale)}</strong>
            <span className="theme-range">{t(locale, 'board.theme.range', { start: check.start, end: check.end })}</span>
            <span className="theme-status">{t(locale, `calc.themeStatus.${check.status}`)}</span>
            {check.status === 'upcoming' ? null : (
              <ul className="theme-checks">
                {describeThemeCheck(locale, check).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
