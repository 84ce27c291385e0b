import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { boardSource, type BoardSnapshot } from '../../client/board-snapshot';
import type { JoinedWorkspace } from '../../client/db';
import type { StoredReportTemplate } from '../../client/import/mapping-memory';
import { downloadFile } from '../../client/export/download';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import type { DocHandle } from '../../client/doc-handle';
import type { Session } from '../../client/session';
import { shanghaiDate } from '../../shared/format';
import { confirmRegistration, confirmReportFigure, sendReminder } from '../../shared/model/workspace-write';
import { needsApproval } from '../../shared/calc/report-window';
import { readSummary } from '../../shared/model/summary';
import { readWorkspace } from '../../shared/model/workspace-read';
import { validValues, type ModelResult } from '../../shared/model/result';
import { prereadSummary } from './preread-summary';
import { canEditProject, canEscalateProblem, canReadActivity, canRestore, editsEverything, effectiveRole, isInspector } from '../../shared/rights';
import { revertApi } from './revert-api';
import { fetchActivityPage } from '../../client/activity-feed';
import { ActivityPage } from '../../components/activity/activity-page';
import { ACTIVITY_ROUTE, useActivityRoute } from './activity-route';
import type { Locale } from '../../shared/schema/common';
import { t } from '../../shared/i18n';
import { BoardScreen, type DrillSource } from './board-screen';
import type { BoardContent } from '../../client/view-models/board/board-content';
import { fetchProjectHistory } from './project-history';
import { fetchHistoryAnchor } from '../../client/history-anchor';
import { ANCHOR_REFRESH_MS, useHistoryAnchor } from './use-history-anchor';
import type { ReviewItem } from '../../client/view-models/board/review-list';
import type { RemindRequest } from '../../client/view-models/board/not-filed';

export interface BoardPageProps {
  /** The open workspace; null until the page opens its documents (the saved board, if any, is shown meanwhile). */
  session: Session | null;
  /** Whose board it is while there is no session yet (the role decides the read-only badge). */
  ws?: JoinedWorkspace;
  locale: Locale;
  mode: 'extension' | 'wall';
  /** The clock (epoch ms); the board's day is its date in Asia/Shanghai. */
  now?: () => number;
  fetch?: typeof fetch;
  charts?: boolean;
  /** The board as last saved: painted until the documents have loaded from local storage (never on the wall). */
  snapshot?: BoardSnapshot | null;
  /** Told each first screen derived from documents in a state not saved yet, with that state's name. */
  onSnapshot?: (content: BoardContent, source: string) => void;
  /** The wall's seconds per page. */
  rotateSeconds?: number;
  /** The 月报 template last imported into this workspace in this browser (extension only): an export layout. */
  reportTemplate?: StoredReportTemplate | null;
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

/** The summary document while the page holds it, and whether it and the workspace document have loaded locally. */
function useSummary(session: Session | null): { handle: DocHandle | null; local: boolean } {
  const [handle, setHandle] = useState<DocHandle | null>(null);
  const [localOf, setLocalOf] = useState<DocHandle | null>(null);
  useEffect(() => {
    if (!session) return;
    const opened = session.summary();
    let current = true;
    let cancelPreread = (): void => {};
    setHandle(opened);
    void Promise.all([session.workspace.whenLocal, opened.whenLocal]).then(() => {
      if (current) cancelPreread = prereadSummary(opened.doc, () => setLocalOf(opened));
    });
    return () => {
      current = false;
      cancelPreread();
      setHandle(null);
      opened.release();
    };
  }, [session]);
  return { handle, local: handle !== null && localOf === handle };
}

/**
 * The board over a session: the workspace and summary documents only (never the 1000 project documents); a project
 * document opens when someone drills in. The documents are read once both have loaded from local storage (reading a
 * half-loaded summary would only show wrong counts); until then the saved board is shown, if there is one. Edits are
 * offered where shared/rights says the server accepts them.
 */
export function BoardPage({ session, locale, mode, now = Date.now, fetch, charts, ...props }: BoardPageProps) {
  // The wall keeps nothing in the browser it runs in: no saved board, shown or written.
  const snapshot = mode === 'wall' ? null : (props.snapshot ?? null);
  const onSnapshot = mode === 'wall' ? undefined : props.onSnapshot;
  const summaryDoc = useSummary(session);
  const ready = session !== null && summaryDoc.local;
  const workspace = useDocRead(ready ? session.workspace : null, readWorkspace) ?? null;
  const summary = useDocRead(ready ? summaryDoc.handle : null, readSummary) ?? null;
  const status = useSyncStatus(session?.host.status ?? null);
  const asOf = useShanghaiDay(now);
  const ws = session?.ws ?? props.ws ?? null;

  // The role that counts is the server's (shared/rights effectiveRole): the workspace document's wins over the token's,
  // so a demotion shows at once; an archived member edits nothing.
  const role = useMemo(() => {
    if (!ws) return 'observer';
    const view = workspace ? { members: validValues(workspace.members), registry: validValues(workspace.registry) } : { members: [], registry: [] };
    return effectiveRole(ws, view) ?? 'observer';
  }, [workspace, ws]);
  const readOnly = mode === 'wall' || role === 'observer';
  // 动态 (the whole workspace's changes) for the 项目办, leaders and 督查 (shared/rights canReadActivity), never on the wall
  const activityAllowed = useMemo(() => {
    if (mode === 'wall' || !ws || !workspace) return false;
    return canReadActivity(role, isInspector(ws.memberId, { members: validValues(workspace.members), registry: [] }));
  }, [mode, ws, workspace, role]);
  const activityOpen = useActivityRoute(activityAllowed);
  const loadActivity = useCallback(
    (query: string) => {
      if (!session) return Promise.resolve({ ok: false as const, reason: 'offline' as const });
      const { serverUrl, workspaceId, token } = session.ws;
      return fetchActivityPage({ serverUrl, workspaceId, token, locale, query, ...(fetch ? { fetch } : {}) });
    },
    [session, locale, fetch],
  );

  const drill = useMemo((): DrillSource | undefined => {
    if (!session) return undefined;
    const { ws: joined } = session;
    const registry = workspace?.registry ?? [];
    return {
      open: (projectId) => session.project(projectId),
      loadHistory: (projectId) =>
        fetchProjectHistory({ serverUrl: joined.serverUrl, workspaceId: joined.workspaceId, projectId, token: joined.token, ...(fetch ? { fetch } : {}) }),
      canEdit: (projectId) => {
        const entry = registry.find((r) => r.ok && r.value.id === projectId);
        return !readOnly && canEditProject(role, joined.memberId, entry?.ok ? entry.value : null);
      },
      canEscalate: !readOnly && canEscalateProblem(role),
      author: () => session.author(),
      reportNeedsApproval: (month) => {
        const campaign = workspace?.campaign.ok ? workspace.campaign.value : null;
        return campaign !== null && needsApproval(month, Date.now(), role, campaign);
      },
      // undo is the 项目办's, done by the server from the stored history (the server checks the role again)
      ...(!readOnly && canRestore(role)
        ? { revert: revertApi({ serverUrl: joined.serverUrl, workspaceId: joined.workspaceId, token: joined.token, locale, ...(fetch ? { fetch } : {}) }) }
        : {}),
    };
  }, [session, workspace, fetch, readOnly, role, locale]);

  // The latest signed history digest (#13): the wall's footer asks every few minutes, each export and the print page
  // once; the wall display's observer token reads it like the board's.
  const loadAnchor = useMemo(() => {
    if (!session) return undefined;
    const { serverUrl, workspaceId, token } = session.ws;
    return () => fetchHistoryAnchor({ serverUrl, workspaceId, token, ...(fetch ? { fetch } : {}) });
  }, [session, fetch]);
  const anchor = useHistoryAnchor(mode === 'wall' ? loadAnchor : undefined, ANCHOR_REFRESH_MS);

  // 审核 is the 项目办's: only an admin is offered 确认 (the server accepts review records from admins only).
  const onConfirmReview = useMemo(() => {
    if (!session || readOnly || role !== 'admin') return undefined;
    return (item: ReviewItem): ModelResult => {
      const doc = session.workspace.doc;
      if (item.kind === 'report') {
        const { month, completedWan, cumulativeWan } = item.flag;
        return confirmReportFigure(doc, { projectId: item.projectId, month, completedWan, cumulativeWan }, session.author());
      }
      return confirmRegistration(
        doc,
        { projectId: item.projectId, leaderId: item.leaderId, team: item.team, attractedById: item.attractedById },
        session.author(),
      );
    };
  }, [session, readOnly, role]);

  // 催报 speaks for the 项目办: only an admin is offered it (the server accepts reminders from admins only).
  const onRemind = useMemo(() => {
    if (!session || readOnly || role !== 'admin') return undefined;
    return (request: RemindRequest): ModelResult => sendReminder(session.workspace.doc, request, session.author());
  }, [session, readOnly, role]);
  // 导入 (Excel/CSV) is for the 项目办 and leaders, whose edits the server accepts on every project
  const importHref =
    mode === 'extension' && session && !readOnly && editsEverything(role) ? `/import.html?ws=${encodeURIComponent(session.ws.key)}` : undefined;

  // The documents' state last saved (or read back from the cache): an unchanged board is not written again.
  const savedSource = useRef(snapshot?.source ?? null);
  const summaryHandle = summaryDoc.handle;
  const onContent = useCallback(
    (content: BoardContent) => {
      if (!onSnapshot || !session || !summaryHandle) return;
      const source = boardSource([session.workspace.doc, summaryHandle.doc], content.asOf);
      if (source === savedSource.current) return;
      savedSource.current = source;
      onSnapshot(content, source);
    },
    [onSnapshot, session, summaryHandle],
  );

  if (activityOpen) return <ActivityPage locale={locale} workspace={workspace} load={loadActivity} backHref="#" />;
  if (!ready && !snapshot) return <p className="muted">{t(locale, 'board.loading')}</p>;
  return (
    <BoardScreen
      locale={locale}
      workspace={workspace}
      summary={summary}
      snapshot={snapshot?.content ?? null}
      asOf={asOf}
      mode={mode}
      {...(session ? { status } : {})}
      readOnly={readOnly}
      {...(drill ? { drill } : {})}
      {...(mode === 'wall' ? {} : { onExport: (file) => downloadFile(file) })}
      {...(charts === undefined ? {} : { charts })}
      onContent={onContent}
      {...(onConfirmReview ? { onConfirmReview } : {})}
      memberId={mode === 'wall' ? null : (ws?.memberId ?? null)}
      {...(props.rotateSeconds === undefined ? {} : { rotateSeconds: props.rotateSeconds })}
      {...(onRemind ? { onRemind } : {})}
      {...(importHref ? { importHref } : {})}
      {...(activityAllowed ? { activityHref: ACTIVITY_ROUTE } : {})}
      {...(mode === 'wall' || !props.reportTemplate ? {} : { reportTemplate: props.reportTemplate })}
      {...(loadAnchor ? { loadAnchor } : {})}
      {...(mode === 'wall' ? { anchor } : {})}
    />
  );
}
