import { useMemo, useState } from 'react';
import { RANKING_METRICS, rankMembers, rankUnits, yearRange, type RankingMetric } from '../../shared/calc';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale, SummaryRow, WorkspaceData } from '../../shared/schema';
import { LazyChart } from './charts/lazy-chart';
import { rankingBarOption } from './charts/chart-options';
import { RankingTable } from './ranking-table';

interface Props {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  asOf: CalendarDate;
  locale: Locale;
  charts: boolean;
}

function isMetric(value: string): value is RankingMetric {
  return (RANKING_METRICS as readonly string[]).includes(value);
}

const CHART_TOP = 10;

/** Units and members ranked on one outcome at a time (完成投资, 序时, 开工率, 投产率, 问题办结率), over the campaign year. */
export function RankingsSection({ workspace, rows, asOf, locale, charts }: Props) {
  const [metric, setMetric] = useState<RankingMetric>('investmentShare');
  const period = yearRange(workspace.campaign.year);
  const units = useMemo(() => rankUnits(workspace, rows, period, asOf, metric), [workspace, rows, asOf, metric, period.start]);
  const members = useMemo(() => rankMembers(workspace, rows, period, asOf, metric), [workspace, rows, asOf, metric, period.start]);
  const chart = useMemo(() => {
    const top = units.entries.filter((e) => e.value !== null).slice(0, CHART_TOP);
    return rankingBarOption(top.map((e) => e.name), top.map((e) => e.value ?? 0), t(locale, `calc.name.${metric}`), metric !== 'paceGap');
  }, [units, metric, locale]);
  return (
    <section className="board-section" aria-labelledby="board-rankings">
      <h2 id="board-rankings">{t(locale, 'board.section.rankings')}</h2>
      <label className="board-filters">
        {t(locale, 'board.ranking.metric')}
        <select value={metric} onChange={(e) => isMetric(e.target.value) && setMetric(e.target.value)}>
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
