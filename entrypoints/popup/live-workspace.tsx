import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ChecklistProjection, JoinedWorkspace } from '../../client/stored-rows';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import { readPopupFirst, type PopupFirstRead } from '../../client/popup-first-read';
import { DEXIE_STORES } from '../../client/popup-rows';
import { createRefreshScheduler } from './refresh-scheduler';
import { openSession as openClientSession } from '../../client/session';
import { watchStoredRows } from '../../client/stored-rows-changes';
import { editRights, liveExtras, writeRights } from '../../client/view-models/checklist/live-extras';
import { storedEditRights } from '../../client/view-models/checklist/stored-rights';
import type { WorkspaceChoice } from '../../components/checklist/popup-header';
import { shanghaiDate } from '../../shared/format';
import { toWorkspaceData } from '../../shared/model/bundles';
import { readWorkspace } from '../../shared/model/workspace-read';
import type { Locale } from '../../shared/schema/common';
import { canEscalateProblem, worksOn } from '../../shared/rights';
import { docActions } from './doc-actions';
import type { PopupView } from './popup-screen';
import { createProjectReadsStore } from './project-reads';
import { READ_ONLY_ACTIONS } from './read-only-actions';
import { useEditDocs, useProjectHandles, useSession, type SessionFactory } from './use-session';
import { refreshThroughWorker, type ProjectionRefresher } from './worker-refresh';
import { popupStatus } from './workspace-view';

/**
 * A token that has expired is not sent: the documents open from IndexedDB only, and edits wait for a rejoin. Expired
 * as client/join's `isExpired` says, written out (as in workspace-view.tsx): that module brings Dexie.
 */
const openDefaultSession: SessionFactory = (ws) => openClientSession(ws, { connect: ws.expiresAt > Date.now() });

interface Shared {
  locale: Locale;
  workspaces: readonly WorkspaceChoice[];
  onSwitch: (key: string) => void;
  onView: (view: PopupView) => void;
  openSession: SessionFactory;
  refresh: ProjectionRefresher;
  /** Reads the stored rows again (after the worker has stored a refreshed checklist). */
  reread: () => void;
  now: () => number;
}

/**
 * The live side of one workspace: the stored checklist (re-read whenever the worker or another page stores one), the
 * workspace document and my project documents, the edit controls my rights allow, and the worker asked to refresh the
 * checklist after my edits and whenever anyone else's arrive. It draws nothing itself: it hands the popup's screen a
 * view.
 */
function LiveWorkspace({
  ws,
  projection,
  locale,
  workspaces,
  onSwitch,
  onView,
  openSession,
  refresh,
  reread,
  now,
}: Shared & { ws: JoinedWorkspace; projection: ChecklistProjection | null }) {
  const asOf = useMemo(() => shanghaiDate(now()), [now]);
  const session = useSession(ws, openSession);

  const [local, setLocal] = useState(false);
  useEffect(() => {
    if (!session) return;
    let current = true;
    void session.workspace.whenLocal.then(() => current && setLocal(true));
    return () => {
      current = false;
      setLocal(false);
    };
  }, [session]);

  const workspaceRead = useDocRead(session?.workspace ?? null, readWorkspace);
  const data = useMemo(() => (workspaceRead ? toWorkspaceData(workspaceRead).data : null), [workspaceRead]);
  const registry = data?.registry ?? [];
  const myIds = registry.filter((e) => !e.archived && worksOn(ws.memberId, e, data?.units)).map((e) => e.id);
  const handles = useProjectHandles(session, myIds);
  const store = useMemo(() => createProjectReadsStore(handles), [handles]);
  const projectReads = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { memberId, role } = ws;
  const extras = useMemo(
    () => (local && workspaceRead ? liveExtras(workspaceRead, projectReads, { memberId, role }) : null),
    [local, workspaceRead, projectReads, memberId, role],
  );

  const scheduler = useMemo(
    () =>
      session
        ? createRefreshScheduler(async () => {
            await refresh(session, asOf);
            reread();
          })
        : null,
    [session, refresh, reread, asOf],
  );
  useEffect(() => () => scheduler?.stop(), [scheduler]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the reads are the trigger (refresh whenever the documents change), not inputs
  useEffect(() => {
    // Once the documents are read, and again whenever they change (my edits, relayed ones, the server's).
    if (local) scheduler?.request();
  }, [scheduler, local, workspaceRead, projectReads]);

  const openDoc = useEditDocs(session);
  // Until the workspace document is read, the stored rights (what the first paint offered) stand: no control vanishes
  // and comes back while the documents load.
  const canEdit = useMemo(() => (extras ? editRights(ws.memberId, extras) : storedEditRights(ws.role, projection)), [ws.memberId, ws.role, extras, projection]);
  const canWrite = useMemo(() => (extras ? writeRights(ws.memberId, extras) : canEdit), [ws.memberId, extras, canEdit]);
  const canEscalate = canEscalateProblem(extras?.role ?? ws.role);
  const actions = useMemo(
    () =>
      session
        ? docActions({
            openProject: openDoc,
            author: () => session.author(),
            canEdit,
            canWrite,
            canEscalate,
            afterEdit: () => scheduler?.request(),
            reportWindow: () => {
              const campaign = extras?.workspace?.campaign;
              return campaign === undefined ? null : { campaign, role: extras?.role ?? null, now: now() };
            },
          })
        : READ_ONLY_ACTIONS,
    [openDoc, session, canEdit, canWrite, canEscalate, scheduler, extras, now],
  );

  const host = useSyncStatus(session?.host.status ?? null);
  // Until the documents open, the connection is being set up.
  const { state, unsynced, closeCode, closeReason } = session ? host : { state: 'syncing' as const, unsynced: 0, closeCode: undefined, closeReason: undefined };
  useEffect(() => {
    // Without a session there is nothing to act on yet: the first paint (with its pending actions) stays.
    if (!session) return;
    const closed = { ...(closeCode !== undefined ? { closeCode } : {}), ...(closeReason !== undefined ? { closeReason } : {}) };
    const status = popupStatus(ws, { state, unsynced, ...closed }, now());
    onView({ locale, ws, projection, extras, actions, status, workspaces, onSwitch });
  }, [session, locale, ws, projection, extras, actions, state, unsynced, closeCode, closeReason, workspaces, onSwitch, onView, now]);
  return null;
}

export interface LivePopupProps {
  /** The Dexie database the popup reads with plain IndexedDB. */
  dbName: string;
  /** The plain IndexedDB read the page painted from (null when there was none): used until the popup reads again. */
  first: PopupFirstRead | null;
  /** The workspace chosen in this popup, if any (App.tsx stores it); it wins over the remembered one. */
  choice: string | undefined;
  onSwitch: (key: string) => void;
  /** Receives what the popup's screen should show, whenever it changes. */
  onView: (view: PopupView) => void;
  openSession?: SessionFactory;
  /** How the stored checklist is recomputed (default: the background worker does it). */
  refresh?: ProjectionRefresher;
  now: () => number;
}

const WATCHED_STORES = Object.values(DEXIE_STORES);

/** The stored rows, read again whenever Dexie writes them anywhere (the worker, the options page, another popup). */
function useStoredRows(dbName: string, choice: string | undefined): { read: PopupFirstRead | null | undefined; reread: () => void } {
  const [read, setRead] = useState<PopupFirstRead | null | undefined>(undefined);
  const latest = useRef(0);
  const reread = useMemo(
    () => () => {
      const n = ++latest.current;
      void readPopupFirst(dbName, choice === undefined ? {} : { preferKey: choice }).then((next) => {
        // An answer overtaken by a newer read is dropped; a failed read keeps what is on screen.
        if (n === latest.current && next) setRead(next);
      });
    },
    [dbName, choice],
  );
  useEffect(() => {
    reread();
    const stop = watchStoredRows(dbName, WATCHED_STORES, reread);
    return () => {
      stop();
      latest.current += 1;
    };
  }, [dbName, reread]);
  return { read, reread };
}

/** The popup once painted: the stored rows followed as they change, the documents opened. */
export default function LivePopup({
  dbName,
  first,
  choice,
  onSwitch,
  onView,
  openSession = openDefaultSession,
  refresh = refreshThroughWorker,
  now,
}: LivePopupProps) {
  const { read, reread } = useStoredRows(dbName, choice);
  // Until the popup's own read answers, the first read stands (App.tsx reads it again after a switch).
  const source = read ?? first;
  const locale = source?.locale ?? 'zh-CN';
  const current = source?.current ?? null;
  const workspaces = source?.workspaces;
  const choices = useMemo(() => (workspaces ?? []).map((w) => ({ key: w.key, label: w.workspaceName || w.workspaceId })), [workspaces]);

  const none = source !== null && source !== undefined && current === null;
  useEffect(() => {
    if (none)
      onView({
        locale,
        ws: null,
        projection: null,
        extras: null,
        actions: READ_ONLY_ACTIONS,
        status: { state: 'syncing', unsynced: 0 },
        workspaces: [],
        onSwitch,
      });
  }, [none, locale, onSwitch, onView]);
  if (!current) return null;
  return (
    <LiveWorkspace
      key={current.key}
      ws={current}
      projection={source?.projection ?? null}
      locale={locale}
      workspaces={choices}
      onSwitch={onSwitch}
      onView={onView}
      openSession={openSession}
      refresh={refresh}
      reread={reread}
      now={now}
    />
  );
}
