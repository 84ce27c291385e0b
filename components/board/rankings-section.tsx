import { useMemo, useState } from 'react';
import { RANKING_METRICS, type Ranking, type RankingMetric } from '../../shared/calc/rankings';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import { UnitKindSchema } from '../../shared/schema/unit';
import { LazyChart } from './charts/lazy-chart';
import { rankingBarOption } from './charts/chart-options';
import { boardRankings, DEFAULT_RANKING_METRIC, type BoardContent } from '../../client/view-models/board/board-content';
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

/**
 * Rankings on one outcome at a time (完成投资, 序时, 落地率, 开工率, 投产率, 问题办结率) over the campaign year: 县区,
 * 市直部门 and 行业专班 each among themselves (a kind with no active unit is left out), then 市级领导 by their 包联 projects.
 */
export function RankingsSection({ first, live, asOf, locale, charts }: Props) {
  const [metric, setMetric] = useState<RankingMetric>(DEFAULT_RANKING_METRIC);
  const other = useMemo(() => {
    if (metric === DEFAULT_RANKING_METRIC || !live) return null;
    return boardRankings(live.workspace, live.rows, asOf, metric);
  }, [live, asOf, metric]);
  const { units, leaders } = other ?? first;
  const tables: Ranking[] = [...UnitKindSchema.options.map((kind) => units[kind]).filter((r) => r.entries.length > 0), leaders];
  // The chart compares 县区 (the ranking the meeting looks at), else the first kind that has units.
  const charted = tables[0] ?? leaders;
  const chart = useMemo(() => {
    const top = charted.entries.filter((e) => e.value !== null).slice(0, CHART_TOP);
    return rankingBarOption(
      top.map((e) => e.name),
      top.map((e) => e.value ?? 0),
      t(locale, `calc.name.${charted.metric}`),
      charted.metric !== 'paceGap',
    );
  }, [charted, locale]);
  return (
    <section className="board-section" aria-labelledby="board-rankings">
      <h2 id="board-rankings">{t(locale, 'board.section.rankings')}</h2>
      <label className="board-filters">
        {t(locale, 'board.ranking.metric')}
        <select value={leaders.metric} disabled={!live} onChange={(e) => isMetric(e.target.value) && setMetric(e.target.value)}>
          {RANKING_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(locale, `calc.name.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="rankings-grid">
        {tables.map((ranking) => (
          <RankingTable
            key={ranking.subject}
            title={t(locale, 'board.ranking.subject', { subject: t(locale, `calc.subject.${ranking.subject}`) })}
            ranking={ranking}
            locale={locale}
            limit={20}
          />
        ))}
      </div>
      {charts ? <LazyChart option={chart} height={280} /> : null}
    </section>
  );
}
