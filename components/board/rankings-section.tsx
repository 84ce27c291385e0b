import { useMemo, useState } from 'react';
import { RANKING_METRICS, rankMembers, rankUnits, type RankingMetric } from '../../shared/calc/rankings';
import { yearRange } from '../../shared/calc/dates';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import { LazyChart } from './charts/lazy-chart';
import { rankingBarOption } from './charts/chart-options';
import { DEFAULT_RANKING_METRIC, type BoardContent } from '../../client/view-models/board/board-content';
import { RankingTable } from './ranking-table';

interface Props {
  /** The rankings on the first outcome, as derived with the rest of the first screen (live, or saved). */
  first: BoardContent['rankings'];
  /** The live rows other outcomes are ranked from; null while the saved board is shown (one outcome only). */
  live: { workspace: WorkspaceData; rows: readonly SummaryRow[] } | null;
  asOf: CalendarDate;
  locale: Locale;
  charts: boolean;
}

function isMetric(value: string): value is RankingMetric {
  return (RANKING_METRICS as readonly string[]).includes(value);
}

const CHART_TOP = 10;

/** Units and members ranked on one outcome at a time (完成投资, 序时, 开工率, 投产率, 问题办结率), over the campaign year. */
export function RankingsSection({ first, live, asOf, locale, charts }: Props) {
  const [metric, setMetric] = useState<RankingMetric>(DEFAULT_RANKING_METRIC);
  const other = useMemo(() => {
    if (metric === DEFAULT_RANKING_METRIC || !live) return null;
    const period = yearRange(live.workspace.campaign.year);
    return { units: rankUnits(live.workspace, live.rows, period, asOf, metric), members: rankMembers(live.workspace, live.rows, period, asOf, metric) };
  }, [live, asOf, metric]);
  const { units, members } = other ?? first;
  const chart = useMemo(() => {
    const top = units.entries.filter((e) => e.value !== null).slice(0, CHART_TOP);
    return rankingBarOption(
      top.map((e) => e.name),
      top.map((e) => e.value ?? 0),
      t(locale, `calc.name.${units.metric}`),
      units.metric !== 'paceGap',
    );
  }, [units, locale]);
  return (
    <section className="board-section" aria-labelledby="board-rankings">
      <h2 id="board-rankings">{t(locale, 'board.section.rankings')}</h2>
      <label className="board-filters">
        {t(locale, 'board.ranking.metric')}
        <select value={units.metric} disabled={!live} onChange={(e) => isMetric(e.target.value) && setMetric(e.target.value)}>
          {RANKING_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(locale, `calc.name.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="rankings-grid">
        <RankingTable title={t(locale, 'board.ranking.units')} ranking={units} locale={locale} limit={20} />
        <RankingTable title={t(locale, 'board.ranking.members')} ranking={members} locale={locale} limit={20} />
      </div>
      {charts ? <LazyChart option={chart} height={280} /> : null}
    </section>
  );
}
