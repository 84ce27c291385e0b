import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { t } from '../../shared/i18n';
import { historyNames } from '../../shared/history/describe-entry';
import { validValues } from '../../shared/model/result';
import type { WorkspaceRead } from '../../shared/model/workspace-read';
import type { Locale } from '../../shared/schema/common';
import { type ActivityPageResult, feedReducer, INITIAL_FEED } from '../../client/view-models/activity/activity-feed';
import { activityQuery, type ActivityFilters, filterChoices, NO_FILTERS, rangeIsValid } from '../../client/view-models/activity/activity-filters';
import { ActivityFilterBar } from './activity-filter-bar';
import { ActivityList } from './activity-list';

export const ACTIVITY_PAGE_SIZE = 50;

interface Props {
  locale: Locale;
  /** Names for members and units, and the filters' choices; null until the workspace document has loaded. */
  workspace: Pick<WorkspaceRead, 'members' | 'units' | 'registry'> | null;
  /** One page from the server, for a query made by activityQuery. */
  load: (query: string) => Promise<ActivityPageResult>;
  backHref?: string;
  pageSize?: number;
}

/** 动态: the whole workspace's changes, newest first, filtered, a page at a time. */
export function ActivityPage({ locale, workspace, load, backHref, pageSize = ACTIVITY_PAGE_SIZE }: Props) {
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const [feed, dispatch] = useReducer(feedReducer, INITIAL_FEED);
  const generation = useRef(0);
  const choices = useMemo(() => (workspace ? filterChoices(workspace) : { members: [], units: [], projects: [] }), [workspace]);
  const names = useMemo(
    () => (workspace ? historyNames(validValues(workspace.members), validValues(workspace.units)) : new Map<string, string>()),
    [workspace],
  );

  const fetchPage = useCallback(
    (cursor: string | null, gen: number) => {
      void load(activityQuery(filters, cursor, pageSize)).then((result) => dispatch({ type: 'page', generation: gen, result }));
    },
    [filters, load, pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    const gen = generation.current;
    dispatch({ type: 'reset', generation: gen });
    if (!rangeIsValid(filters)) {
      dispatch({ type: 'page', generation: gen, result: { ok: false, reason: 'badInput', message: t(locale, 'rest.activity.hint.range') } });
      return;
    }
    fetchPage(null, gen);
  }, [fetchPage, filters, locale]);

  const onMore = (): void => {
    if (feed.status !== 'ready' || feed.next === null) return;
    dispatch({ type: 'more', generation: feed.generation });
    fetchPage(feed.next, feed.generation);
  };

  return (
    <main className="activity-page">
      <header className="board-header">
        <h1>{t(locale, 'activityPage.title')}</h1>
        {backHref ? <a href={backHref}>{t(locale, 'activityPage.back')}</a> : null}
      </header>
      <p className="muted">{t(locale, 'activityPage.intro')}</p>
      <ActivityFilterBar locale={locale} filters={filters} choices={choices} onChange={setFilters} />
      <ActivityList locale={locale} feed={feed} names={names} onMore={onMore} />
    </main>
  );
}
