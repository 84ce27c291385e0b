import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { formatShanghaiTime } from '../../shared/format';
import { describeChanges, personName } from '../../shared/history/describe-entry';
import type { ActivityLine, FeedState } from '../../client/view-models/activity/activity-feed';

/**
 * "李明（市发改委） 于 2026-03-05 12:00 报送 2026年2月 月报：本月 395.4 万元，累计 2085.1 万元" and "项目「…」": the board's
 * history line (describe-entry), with the author's unit and the project it was on.
 */
export function describeActivityLine(line: ActivityLine, locale: Locale, names: ReadonlyMap<string, string>): { text: string; project: string } {
  const ctx = { locale, names };
  const unit = line.unitId === null ? undefined : names.get(line.unitId);
  const who = unit === undefined ? personName(line.author, ctx) : t(locale, 'activityPage.whoWithUnit', { who: personName(line.author, ctx), unit });
  const text = t(locale, 'board.history.line', { who, when: formatShanghaiTime(line.at), what: describeChanges(line.changes, ctx) });
  const project = line.projectName === null ? t(locale, 'activityPage.unknownProject') : t(locale, 'activityPage.project', { name: line.projectName });
  return { text, project };
}

interface Props {
  locale: Locale;
  feed: FeedState;
  names: ReadonlyMap<string, string>;
  onMore: () => void;
}

function failureText(feed: FeedState, locale: Locale): string {
  switch (feed.failure?.reason) {
    case 'offline':
      return t(locale, 'activityPage.error.offline');
    case 'refused':
      return t(locale, 'activityPage.error.refused');
    case 'badInput':
      return t(locale, 'activityPage.error.input', { message: feed.failure.message ?? '' });
    default:
      return t(locale, 'activityPage.error.server');
  }
}

/** The lines so far, newest first, and 加载更多 while more follow. */
export function ActivityList({ locale, feed, names, onMore }: Props) {
  return (
    <section className="activity-list" aria-live="polite">
      {feed.lines.length === 0 && feed.status === 'ready' ? <p className="muted">{t(locale, 'activityPage.empty')}</p> : null}
      <ol className="history-lines">
        {feed.lines.map((line) => {
          const { text, project } = describeActivityLine(line, locale, names);
          return (
            <li key={`${line.projectId}/${line.seq}`}>
              {text} <span className="muted">· {project}</span>
            </li>
          );
        })}
      </ol>
      {feed.status === 'failed' ? <p role="alert">{failureText(feed, locale)}</p> : null}
      {feed.status === 'loading' ? <p className="muted">{t(locale, 'activityPage.loading')}</p> : null}
      {feed.status === 'ready' && feed.next !== null ? (
        <button type="button" onClick={onMore}>
          {t(locale, 'activityPage.more')}
        </button>
      ) : null}
      {feed.status === 'ready' && feed.next === null && feed.lines.length > 0 ? (
        <p className="muted">{t(locale, 'activityPage.end', { count: feed.lines.length })}</p>
      ) : null}
    </section>
  );
}
