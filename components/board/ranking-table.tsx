import { useState } from 'react';
import type { Ranking } from '../../shared/calc/rankings';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { formatRankingValue } from './format';
import { formatRankingParts } from '../../shared/calc/target-value';

interface Props {
  title: string;
  ranking: Ranking;
  locale: Locale;
  /** Rows shown before "show all" (a city has 500 members). */
  limit: number;
}

/** One ranking with its formula printed above it (every ranking shows how it is computed). */
export function RankingTable({ title, ranking, locale, limit }: Props) {
  const [all, setAll] = useState(false);
  const shown = all ? ranking.entries : ranking.entries.slice(0, limit);
  return (
    <div className="ranking" data-ranking={ranking.metric} data-subject={ranking.subject}>
      <h3>{title}</h3>
      <p className="formula">{t(locale, 'board.ranking.formula', { formula: t(locale, ranking.formulaKey) })}</p>
      <table className="board-table ranking-table">
        <thead>
          <tr>
            <th>{t(locale, 'board.col.rank')}</th>
            <th>{t(locale, 'board.col.name')}</th>
            <th>{t(locale, 'board.col.value')}</th>
            <th>{t(locale, 'board.col.parts')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t(locale, 'board.ranking.none')}
              </td>
            </tr>
          ) : null}
          {shown.map((e) => (
            <tr key={e.id} data-entry={e.id}>
              <td className="num">{e.rank}</td>
              <td>{e.name}</td>
              <td className="num">{formatRankingValue(ranking.metric, e.value, locale)}</td>
              <td className="num parts">{formatRankingParts(ranking.metric, e.numerator, e.denominator, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ranking.entries.length > limit ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? t(locale, 'board.ranking.top', { count: limit }) : `${t(locale, 'board.filter.all')} (${ranking.entries.length})`}
        </button>
      ) : null}
    </div>
  );
}
