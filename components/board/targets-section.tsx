import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema';
import type { TargetLine } from './derive/target-lines';
import { formatPercent, formatTargetValue, gapText } from './format';
import { LightDot } from './light-dot';

function scopeLabel(line: TargetLine, locale: Locale): string {
  switch (line.target.scope.kind) {
    case 'workspace':
      return t(locale, 'board.scope.workspace');
    case 'unit':
      return t(locale, 'board.scope.unit', { name: line.scopeName });
    case 'member':
      return t(locale, 'board.scope.member', { name: line.scopeName });
  }
}

/** Every target with goal, actual, share, 序时, the gap in points, its light and the year-end forecast. */
export function TargetsSection({ lines, locale }: { lines: readonly TargetLine[]; locale: Locale }) {
  return (
    <section className="board-section" aria-labelledby="board-targets">
      <h2 id="board-targets">{t(locale, 'board.section.targets')}</h2>
      <table className="board-table targets-table">
        <thead>
          <tr>
            <th>{t(locale, 'board.col.target')}</th>
            <th>{t(locale, 'board.col.scope')}</th>
            <th>{t(locale, 'board.col.goal')}</th>
            <th>{t(locale, 'board.col.actual')}</th>
            <th>{t(locale, 'board.col.share')}</th>
            <th>{t(locale, 'board.col.expected')}</th>
            <th>{t(locale, 'board.col.gap')}</th>
            <th>{t(locale, 'board.col.light')}</th>
            <th>{t(locale, 'board.col.forecast')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(({ target, result, ...line }) => (
            <tr key={target.id} data-target={target.id} className={`row-${result.light}`}>
              <td>{target.title}</td>
              <td>{scopeLabel({ target, result, ...line }, locale)}</td>
              <td className="num">{formatTargetValue(target, result.goal, locale)}</td>
              <td className="num">{formatTargetValue(target, result.actual, locale)}</td>
              <td className="num">{formatPercent(result.share)}</td>
              <td className="num">{formatPercent(result.expectedShare)}</td>
              <td className={result.gapPoints < 0 ? 'gap behind' : 'gap'}>{gapText(result.gapPoints, locale)}</td>
              <td>
                <LightDot light={result.light} locale={locale} />
              </td>
              <td className="num">{formatTargetValue(target, result.forecast, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
