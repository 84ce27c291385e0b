import { useCallback, useEffect, useMemo, useState } from 'react';
import { downloadFile } from '../../client/export/download';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import type { DocHandle } from '../../client/doc-handle';
import type { Session } from '../../client/session';
import { shanghaiDate } from '../../shared/i18n';
import { readSummary, readWorkspace } from '../../shared/model';
import { canEditProject } from '../../shared/rights';
import type { Locale } from '../../shared/schema';
import { t } from '../../shared/i18n';
import { BoardView, type DrillSource } from './board-view';
import { fetchProjectHistory } from './drill/history';

export interface BoardPageProps {
  session: Session;
  locale: Locale;
  mode: 'extension' | 'wall';
  /** The clock (epoch ms); the board's day is its date in Asia/Shanghai. */
  now?: () => number;
  fetch?: typeof fetch;
  charts?: boolean;
}

/** How often the board checks whether the day has turned (序时 and overdue days move at midnight in Shanghai). */
const DAY_CHECK_MS = 60_000;

function useShanghaiDay(now: () => number): string {
  const [day, setDay] = useState(() => shanghaiDate(now()));
  useEffect(() => {
    const timer = setInterval(() => setDay(shanghaiDate(now())), DAY_CHECK_MS);
    return () => clearInterval(timer);
  }, [now]);
  return day;
}

/**
 * The board over a session: the workspace and summary documents only (never the 1000 project documents); a project
 * document opens when someone drills in. Edits are offered where shared/rights says the server accepts them.
 */
export function BoardPage({ session, locale, mode, now = Date.now, fetch, charts }: BoardPageProps) {
  const [summaryHandle, setSummaryHandle] = useState<DocHandle | null>(null);
  useEffect(() => {
    const handle = session.summary();
    setSummaryHandle(handle);
    return () => handle.release();
  }, [session]);

  const workspace = useDocRead(session.workspace, readWorkspace);
  const summary = useDocRead(summaryHandle, readSummary);
  const status = useSyncStatus(session.host.status);
  const asOf = useShanghaiDay(now);
  const { ws } = session;

  // The role in the workspace document wins over the token's (a demotion shows at once), as on the server.
  const role = useMemo(() => {
    const me = workspace?.members.find((m) => m.ok && m.value.id === ws.memberId);
    return me?.ok ? me.value.role : ws.role;
  }, [workspace, ws]);
  const readOnly = mode === 'wall' || role === 'observer';

  const loadHistory = useCallback(
    (projectId: string) => fetchProjectHistory({ serverUrl: ws.serverUrl, workspaceId: ws.workspaceId, projectId, token: ws.token, ...(fetch ? { fetch } : {}) }),
    [ws, fetch],
  );
  const drill = useMemo((): DrillSource => {
    const registry = workspace?.registry ?? [];
    return {
      open: (projectId) => session.project(projectId),
      loadHistory,
      canEdit: (projectId) => {
        const entry = registry.find((r) => r.ok && r.value.id === projectId);
        return !readOnly && canEditProject(role, ws.memberId, entry?.ok ? entry.value : null);
      },
      author: () => session.author(),
    };
  }, [session, workspace, loadHistory, readOnly, role, ws]);

  if (!workspace || !summary) return <p className="muted">{t(locale, 'board.loading')}</p>;
  return (
    <BoardView
      locale={locale}
      workspace={workspace}
      summary={summary}
      asOf={asOf}
      mode={mode}
      status={status}
      readOnly={readOnly}
      drill={drill}
      {...(mode === 'wall' ? {} : { onExport: (file) => downloadFile(file) })}
      {...(charts === undefined ? {} : { charts })}
    />
  );
}
