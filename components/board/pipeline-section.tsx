import { useMemo, useState } from 'react';
import { t } from '../../shared/i18n';
import { CATEGORIES, type Category } from '../../shared/schema/project';
import type { CalendarDate, Id, Locale } from '../../shared/schema/common';
import type { Stage } from '../../shared/schema/stage';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import { LazyChart } from './charts/lazy-chart';
import { barOption } from './charts/chart-options';
import { pipelineCounts, type PipelineFilter, type PipelineInput } from '../../client/view-models/board/pipeline';
import { stageRateLines, type StageRateLine } from '../../client/view-models/board/stage-rates';
import { StageRates } from './stage-rates';

interface Props {
  /** The stages the campaign tracks, in pipeline order. */
  stages: readonly Stage[];
  /** The units the filter offers (not archived). */
  units: readonly { id: Id; name: string }[];
  rows: readonly PipelineInput[];
  /** The workspace's 落地率, 开工率, 竣工率, 投产率 (from the first screen, live or saved). */
  rates: readonly StageRateLine[];
  /** The live rows a unit's rates are computed from when the filter picks one; null while the saved board is shown. */
  live: { workspace: WorkspaceData; rows: readonly SummaryRow[] } | null;
  asOf: CalendarDate;
  locale: Locale;
  charts: boolean;
  /** False when the board's own filter (县区/责任单位/项目类型/包联领导) already narrows the rows: no second one here. */
  ownFilters?: boolean;
  /** With the board's filter in place of its own: what that filter keeps (the rows and rates are already filtered). */
  filteredScope?: string | null;
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/**
 * Projects per stage (谋划储备 → 签约 → 前期 → 开工 → 竣工 → 投产 → 达产), filterable by unit and category, with the
 * stage rates (落地率, 开工率, 竣工率, 投产率) of the chosen unit or the whole workspace beside them.
 */
export function PipelineSection({ stages, units, rows, rates, live, asOf, locale, charts, ownFilters = true, filteredScope = null }: Props) {
  const [filter, setFilter] = useState<PipelineFilter>({ unitId: null, category: null });
  const counts = useMemo(() => pipelineCounts(rows, stages, filter), [rows, stages, filter]);
  const unitRates = useMemo(() => {
    if (filter.unitId === null) return rates;
    return live ? stageRateLines(live.workspace, live.rows, asOf, filter.unitId) : null;
  }, [filter.unitId, rates, live, asOf]);
  const scopeName =
    filter.unitId !== null
      ? (units.find((u) => u.id === filter.unitId)?.name ?? '')
      : !ownFilters && filteredScope
        ? filteredScope
        : t(locale, 'board.filter.all');
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const labels = counts.map((c) => t(locale, `stage.${c.stage}`));
  return (
    <section className="board-section" aria-labelledby="board-pipeline">
      <h2 id="board-pipeline">{t(locale, 'board.section.pipeline')}</h2>
      <div className="board-filters">
        {ownFilters ? (
          <>
            <label>
              {t(locale, 'board.filter.unit')}
              <select value={filter.unitId ?? ''} onChange={(e) => setFilter({ ...filter, unitId: e.target.value || null })}>
                <option value="">{t(locale, 'board.filter.all')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(locale, 'board.filter.category')}
              <select value={filter.category ?? ''} onChange={(e) => setFilter({ ...filter, category: isCategory(e.target.value) ? e.target.value : null })}>
                <option value="">{t(locale, 'board.filter.all')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(locale, `category.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <span className="pipeline-total">{t(locale, 'board.pipeline.total', { count: total })}</span>
      </div>
      <table className="board-table pipeline-table">
        <thead>
          <tr>
            {labels.map((label) => (
              <th key={label}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {counts.map((c) => (
              <td key={c.stage} className="num" data-stage={c.stage}>
                {c.count}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <StageRates lines={unitRates} scopeName={scopeName} locale={locale} />
      {charts ? (
        <LazyChart
          option={barOption(
            labels,
            counts.map((c) => c.count),
            t(locale, 'board.col.count'),
          )}
          height={220}
        />
      ) : null}
    </section>
  );
}
