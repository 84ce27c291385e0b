import { WallTargetTable } from './wall-target-table';
import './wall.css';
import { t } from '../../../shared/i18n';
import type { CalendarDate, Locale } from '../../../shared/schema/common';
import type { WallPage } from '../../../client/view-models/board/wall-pages';
import { BoardHeader, type BoardStatus } from '../board-header';
import { RankingEndsBlock, WallOverviewPage } from './wall-overview';
import { WallAnchor } from './wall-anchor';
import type { AnchorStatus } from '../../../shared/history/anchor-note';

export interface WallViewProps {
  locale: Locale;
  title: string;
  campaignName: string;
  asOf: CalendarDate;
  status?: BoardStatus;
  pages: readonly WallPage[];
  /** The page on screen (the page wires the timer); taken modulo the number of pages. */
  page: number;
  /** Seconds each page stays; 0: the rotation is paused. */
  seconds: number;
  onPage: (page: number) => void;
  onPause: (paused: boolean) => void;
  /** The latest signed history digest and the signing key, in the footer line. */
  anchor?: AnchorStatus;
}

function pageTitle(page: WallPage, locale: Locale): string {
  switch (page.kind) {
    case 'overview':
      return t(locale, 'wall.overview.title');
    case 'county':
      return t(locale, 'wall.overview.countyTitle', { name: page.overview.county?.name ?? '' });
    case 'targets':
      return t(locale, 'wall.page.targets');
    case 'problems':
      return t(locale, 'wall.page.problems', { total: page.total });
    case 'rankings':
      return t(locale, 'wall.page.rankings');
    case 'notFiled':
      return t(locale, 'wall.page.notFiled', { month: page.month, total: page.total });
  }
}

function partOf(page: WallPage, locale: Locale): string {
  return 'parts' in page && page.parts > 1 ? t(locale, 'wall.page.part', { part: page.part, parts: page.parts }) : '';
}

function PageBody({ page, locale }: { page: WallPage; locale: Locale }) {
  switch (page.kind) {
    case 'overview':
    case 'county':
      return <WallOverviewPage overview={page.overview} locale={locale} />;
    case 'targets':
      return <WallTargetTable lines={page.lines} locale={locale} full />;
    case 'problems':
      return (
        <table className="wall-table wall-page-table" data-kind="problems">
          <thead>
            <tr>
              <th>{t(locale, 'board.col.level')}</th>
              <th>{t(locale, 'board.col.project')}</th>
              <th>{t(locale, 'board.col.problem')}</th>
              <th>{t(locale, 'board.col.deadline')}</th>
              <th className="num">{t(locale, 'board.col.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={`${item.projectId}/${item.recordId}`}>
                <td>
                  <span className={`level level-${item.level}`}>{t(locale, `escalation.${item.level}`)}</span>
                </td>
                <td className="wall-name">{item.projectName}</td>
                <td className="wall-title">{item.title}</td>
                <td className="num">{item.deadline}</td>
                <td className="num">{t(locale, 'wall.page.overdue', { days: item.daysOverdue })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'rankings':
      return (
        <div className="wall-rankings-page">
          {page.rankings.map((ends) => (
            <RankingEndsBlock key={ends.group} ends={ends} locale={locale} />
          ))}
        </div>
      );
    case 'notFiled':
      return (
        <table className="wall-table wall-page-table">
          <thead>
            <tr>
              <th>{t(locale, 'board.col.unit')}</th>
              <th>{t(locale, 'board.col.project')}</th>
              <th>{t(locale, 'board.col.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {page.lines.map((line, i) => (
              <tr key={`${line.projectName}-${i}`}>
                <td className="wall-name">{line.unitName}</td>
                <td className="wall-name">{line.projectName}</td>
                <td className="wall-name">{line.ownerName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/**
 * The wall display (挂图作战 on the meeting-room screen): one screen at a time, never scrolled: the overview, then
 * each section's page and each county's overview, rotating on the page's timer. A click on the pager moves by hand.
 * The pager's line also carries the anchored history's fingerprints, in small print.
 */
export function WallView(props: WallViewProps) {
  const { locale, pages, seconds } = props;
  const count = pages.length;
  const index = count === 0 ? 0 : ((props.page % count) + count) % count;
  const page = pages[index];
  return (
    <main className="board wall wall-screen" lang={locale}>
      <BoardHeader
        title={props.title}
        campaignName={props.campaignName}
        asOf={props.asOf}
        locale={locale}
        wall={true}
        readOnly={true}
        {...(props.status ? { status: props.status } : {})}
      />
      {page ? (
        <div className="wall-page" data-page={page.key} data-kind={page.kind}>
          <h2 className="wall-page-title">
            {pageTitle(page, locale)} <span className="wall-sub">{partOf(page, locale)}</span>
          </h2>
          <PageBody page={page} locale={locale} />
        </div>
      ) : (
        <p className="muted">{t(locale, 'board.loading')}</p>
      )}
      <nav className="wall-pager" aria-label={t(locale, 'wall.pager', { page: index + 1, pages: count })}>
        <button type="button" onClick={() => props.onPage(index - 1)} aria-label={t(locale, 'wall.pager.previous')}>
          ‹
        </button>
        <ol className="wall-dots">
          {pages.map((p, i) => (
            <li key={p.key}>
              <button
                type="button"
                className={i === index ? 'current' : ''}
                aria-current={i === index ? 'page' : undefined}
                aria-label={pageTitle(p, locale)}
                title={pageTitle(p, locale)}
                onClick={() => props.onPage(i)}
              />
            </li>
          ))}
        </ol>
        {props.anchor ? <WallAnchor status={props.anchor} locale={locale} /> : null}
        <span className="wall-pager-count">
          {t(locale, 'wall.pager', { page: index + 1, pages: count })}
          {seconds > 0 ? '' : ` · ${t(locale, 'wall.pager.paused')}`}
        </span>
        <button type="button" onClick={() => props.onPage(index + 1)} aria-label={t(locale, 'wall.pager.next')}>
          ›
        </button>
        <button type="button" onClick={() => props.onPause(seconds > 0)}>
          {seconds > 0 ? t(locale, 'wall.pager.pause') : t(locale, 'wall.pager.play')}
        </button>
      </nav>
    </main>
  );
}
