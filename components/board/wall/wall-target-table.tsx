import type { TargetLine } from '../../../client/view-models/board/target-lines';
import { t } from '../../../shared/i18n';
import type { Locale } from '../../../shared/schema/common';
import { formatPercent, formatTargetValue, gapText, percentOrDash } from '../format';
import { LightDot } from '../light-dot';

/**
 * Targets on the wall: each line's actual, share, 序时 (— for a rate target), gap and light; `full` (a page of its own)
 * adds whose target it is and its goal, which the overview's narrow panel leaves out.
 */
export function WallTargetTable({ lines, locale, full = false }: { lines: readonly TargetLine[]; locale: Locale; full?: boolean }) {
  return (
    <table className={full ? 'wall-table wall-page-table' : 'wall-table'} {...(full ? { 'data-kind': 'targets' } : {})}>
      <thead>
        <tr>
          <th>{t(locale, 'board.col.target')}</th>
          {full ? <th>{t(locale, 'board.col.scope')}</th> : null}
          {full ? <th className="num">{t(locale, 'board.col.goal')}</th> : null}
          <th className="num">{t(locale, 'board.col.actual')}</th>
          <th className="num">{t(locale, 'board.col.share')}</th>
          <th className="num">{t(locale, 'board.col.expected')}</th>
          <th>{t(locale, 'board.col.gap')}</th>
          <th>{t(locale, 'board.col.light')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id} data-target={line.id}>
            <td className="wall-name">{line.title}</td>
            {full ? <td className="wall-name">{line.scope === 'workspace' ? t(locale, 'board.scope.workspace') : line.scopeName}</td> : null}
            {full ? <td className="num">{formatTargetValue(line, line.result.goal, locale)}</td> : null}
            <td className="num">{formatTargetValue(line, line.result.actual, locale)}</td>
            <td className="num">{formatPercent(line.result.share)}</td>
            <td className="num">{percentOrDash(line.result.expectedShare)}</td>
            <td className={line.result.gapPoints < 0 ? 'gap behind' : 'gap'}>{gapText(line, locale)}</td>
            <td>
              <LightDot light={line.result.light} locale={locale} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
