import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import type { TargetLine } from '../../client/view-models/board/target-lines';
import { formatTargetValue, gapText, percentOrDash } from './format';
import { LightDot } from './light-dot';
import { usePainted } from './after-paint';

function scopeLabel(line: TargetLine, locale: Locale): string {
  switch (line.scope) {
    case 'workspace':
      return t(locale, 'board.scope.workspace');
    case 'unit':
      return t(locale, 'board.scope.unit', { name: line.scopeName });
    case 'member':
      return t(locale, 'board.scope.member', { name: line.scopeName });
  }
}

/** Rows drawn in the first frame (a screenful and more); a city's hundreds of member quotas follow right after. */
const FIRST_FRAME_ROWS = 40;

/**
 * Every target with goal, actual, share, 序时, the gap in points, its light and the year-end forecast. A rate target
 * (增速 %) is compared with its goal directly: no share, no 序时, no forecast ("—"), the gap against the goal.
 */
export function TargetsSection({ lines, locale }: { lines: readonly TargetLine[]; locale: Locale }) {
  const painted = usePainted();
  const shown = painted ? lines : lines.slice(0, FIRST_FRAME_ROWS);
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
          {shown.map((line) => {
            const rate = line.result.expectedShare === null;
            return (
              <tr key={line.id} data-target={line.id} className={`row-${line.result.light}`} data-basis={rate ? 'goal' : 'pace'}>
                <td>{line.title}</td>
                <td>{scopeLabel(line, locale)}</td>
                <td className="num">{formatTargetValue(line, line.result.goal, locale)}</td>
                <td className="num">{formatTargetValue(line, line.result.actual, locale)}</td>
                <td className="num">{percentOrDash(rate ? null : line.result.share)}</td>
                <td className="num">{percentOrDash(line.result.expectedShare)}</td>
                <td className={line.result.gapPoints < 0 ? 'gap behind' : 'gap'}>{gapText(line, locale)}</td>
                <td>
                  <LightDot light={line.result.light} locale={locale} />
                </td>
                <td className="num">{line.result.forecast === null ? '—' : formatTargetValue(line, line.result.forecast, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
