import { WallTargetTable } from './wall-target-table';
import { t } from '../../../shared/i18n';
import type { Locale } from '../../../shared/schema/common';
import type { RankingEnds, WallOverview } from '../../../client/view-models/board/wall-pages';
import { formatPercent, formatRankingValue } from '../format';

function RateTile({ name, rate, locale }: { name: string; rate: { numerator: number; denominator: number; rate: number | null }; locale: Locale }) {
  return (
    <div className="wall-rate" data-rate-value={rate.rate === null ? '' : rate.rate.toFixed(4)}>
      <span className="wall-rate-name">{name}</span>
      <strong className="wall-rate-value">{rate.rate === null ? t(locale, 'calc.rate.none') : formatPercent(rate.rate)}</strong>
      <span className="wall-rate-parts">
        {rate.numerator}/{rate.denominator}
      </span>
    </div>
  );
}

export function RankingEndsBlock({ ends, locale }: { ends: RankingEnds; locale: Locale }) {
  const line = (e: RankingEnds['top'][number]) => (
    <li key={e.id} data-unit={e.id}>
      <span className="wall-rank">{e.rank}</span>
      <span className="wall-name">{e.name}</span>
      <span className="num">{formatRankingValue(ends.metric, e.value, locale)}</span>
    </li>
  );
  return (
    <div className="wall-ranking" data-group={ends.group}>
      <h3>
        {t(locale, ends.group === 'county' ? 'wall.ranking.county' : 'wall.ranking.department')} · {t(locale, `calc.name.${ends.metric}`)}
      </h3>
      <div className="wall-ranking-ends">
        <div>
          <span className="wall-end top">{t(locale, 'wall.ranking.top')}</span>
          <ol>{ends.top.map(line)}</ol>
        </div>
        {ends.bottom.length > 0 ? (
          <div>
            <span className="wall-end bottom">{t(locale, 'wall.ranking.bottom')}</span>
            <ol>{ends.bottom.map(line)}</ol>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The wall's one-screen overview: six panels, each cut to what fits (the view model decides how many lines). */
export function WallOverviewPage({ overview, locale }: { overview: WallOverview; locale: Locale }) {
  const { red, notFiled } = overview;
  return (
    <div className="wall-overview" data-county={overview.county?.id ?? ''}>
      <section className="wall-panel wall-key-targets">
        <h2>{t(locale, 'wall.overview.keyTargets')}</h2>
        <WallTargetTable lines={overview.keyTargets} locale={locale} />
      </section>

      <section className="wall-panel wall-pipeline">
        <h2>
          {t(locale, 'wall.overview.pipeline')} <span className="wall-sub">{t(locale, 'wall.overview.projects', { count: overview.projectCount })}</span>
        </h2>
        <ol className="wall-stages">
          {overview.pipeline.map((c) => (
            <li key={c.stage} data-stage={c.stage}>
              <strong>{c.count}</strong>
              <span>{t(locale, `stage.${c.stage}`)}</span>
            </li>
          ))}
        </ol>
        <div className="wall-rates">
          {overview.rates.map((r) => (
            <RateTile key={r.kind} name={t(locale, `calc.name.${r.kind}`)} rate={r.rate} locale={locale} />
          ))}
        </div>
      </section>

      <section className="wall-panel wall-red">
        <h2>
          {t(locale, 'wall.overview.red')}{' '}
          <span className="wall-sub">{t(locale, 'wall.overview.redCounts', { supervised: red.counts.supervised, reminded: red.counts.reminded })}</span>
        </h2>
        {red.items.length === 0 ? (
          <p className="muted">{t(locale, 'wall.overview.noRed')}</p>
        ) : (
          <ul className="wall-list">
            {red.items.map((item) => (
              <li key={`${item.projectId}/${item.recordId}`} data-level={item.level}>
                <span className={`level level-${item.level}`}>{t(locale, `escalation.${item.level}`)}</span>
                <span className="wall-name">{item.projectName}</span>
                <span className="wall-title">{item.title}</span>
                <span className="num">{t(locale, 'wall.page.overdue', { days: item.daysOverdue })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="wall-panel wall-rankings">
        <h2>{t(locale, 'wall.overview.rankings')}</h2>
        {overview.county !== null ? (
          <p className="wall-place">
            {overview.countyPlace
              ? t(locale, 'wall.overview.countyPlace', {
                  rank: overview.countyPlace.rank,
                  of: overview.countyPlace.of,
                  metric: t(locale, 'calc.name.investmentShare'),
                  value: formatRankingValue('investmentShare', overview.countyPlace.value, locale),
                })
              : t(locale, 'wall.overview.noPlace')}
          </p>
        ) : (
          overview.rankings.map((ends) => <RankingEndsBlock key={ends.group} ends={ends} locale={locale} />)
        )}
      </section>

      <section className="wall-panel wall-not-filed">
        <h2>{t(locale, 'wall.overview.notFiled', { month: notFiled.month })}</h2>
        {notFiled.count === 0 ? (
          <p className="muted">{t(locale, 'wall.overview.allFiled')}</p>
        ) : (
          <>
            <p className="wall-count">{t(locale, 'wall.overview.notFiledCount', { count: notFiled.count, due: notFiled.due })}</p>
            <ul className="wall-list">
              {notFiled.units.map((u) => (
                <li key={u.name}>
                  <span className="wall-name">{u.name || '—'}</span>
                  <span className="num">{u.count}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
