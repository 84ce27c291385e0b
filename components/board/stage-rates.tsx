import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import type { StageRateLine } from '../../client/view-models/board/stage-rates';
import { formatRankingValue } from './format';

interface Props {
  /** 落地率, 开工率, 竣工率, 投产率 of the scope the pipeline filter chose; null while only the saved board is shown for a unit. */
  lines: readonly StageRateLine[] | null;
  /** Whose rates: the unit's name, or 全部. */
  scopeName: string;
  locale: Locale;
}

/** The stage rates side by side, each as "分子/分母 = 比率", with its formula under the table. */
export function StageRates({ lines, scopeName, locale }: Props) {
  return (
    <div className="stage-rates" data-rates="true">
      <h3>{t(locale, 'board.rates.title', { scope: scopeName })}</h3>
      {lines === null ? (
        <p className="muted">{t(locale, 'board.loading')}</p>
      ) : (
        <>
          <table className="board-table rates-table">
            <thead>
              <tr>
                <th>{t(locale, 'board.ranking.metric')}</th>
                <th>{t(locale, 'board.col.value')}</th>
                <th>{t(locale, 'board.col.parts')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.kind} data-rate={line.kind}>
                  <td>{t(locale, `calc.name.${line.kind}`)}</td>
                  <td className="num">{formatRankingValue(line.kind, line.rate, locale)}</td>
                  <td className="num parts">
                    {line.numerator}/{line.denominator}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {lines.map((line) => (
            <p key={line.kind} className="formula">
              {t(locale, line.formulaKey)}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
