import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, getLocale, openGuatuDb, readProjection, type ChecklistProjection, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { useDocRead, useLiveQuery, useSyncStatus } from '../../client/hooks';
import { isExpired, listWorkspaces } from '../../client/join';
import { chooseWorkspace, type PopupFirstRead } from '../../client/popup-first-read';
import { refreshProjection } from '../../client/projection';
import { openSession as openClientSession } from '../../client/session';
import { docActions } from './doc-actions';
import { editRights, liveExtras } from '../../client/view-models/checklist/live-extras';
import type { WorkspaceChoice } from '../../components/checklist/popup-header';
import { shanghaiDate } from '../../shared/i18n/format';
import { readWorkspace, toWorkspaceData } from '../../shared/model';
import type { Locale } from '../../shared/schema/common';
import { isAssigned } from '../../shared/rights';
import { getCurrentWorkspaceKey } from './popup-settings';
import type { PopupView } from './popup-screen';
import { createProjectReadsStore } from './project-reads';
import { READ_ONLY_ACTIONS } from './read-only-actions';
import { createRefreshScheduler } from './refresh-scheduler';
import { useEditDocs, useProjectHandles, useSession, type SessionFactory } from './use-session';
import { popupStatus } from './workspace-view';

/** A token that has expired is not sent: the documents open from IndexedDB only, and edits wait for a rejoin. */
const openDefaultSession: SessionFactory = (ws) => openClientSession(ws, { connect: !isExpired(ws, Date.now()) });

interface Shared {
  db: GuatuDb;
  locale: Locale;
  workspaces: readonly WorkspaceChoice[];
  onSwitch: (key: string) => void;
  onView: (view: PopupView) => void;
  openSession: SessionFactory;
  now: () => number;
}

/**
 * The live side of one workspace: the stored checklist as a Dexie live query (the worker's passes and other pages show
 * up), the workspace document and my project documents, the edit controls my rights allow, and the projection kept
 * fresh after my edits and whenever anyone else's arrive. It draws nothing itself: it hands the popup's screen a view.
 */
function LiveWorkspace({ ws, firstProjection, db, locale, workspaces, onSwitch, onView, openSession, now }: Shared & { ws: JoinedWorkspace; firstProjection: ChecklistProjection | null | undefined }) {
  const stored = useLiveQuery(() => readProjection(db, ws.key), [db, ws.key]);
  const projection = stored !== undefined ? stored : firstProjection;
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
  const registry = useMemo(() => (workspaceRead ? (toWorkspaceData(workspaceRead).data?.registry ?? []) : []), [workspaceRead]);
  const myIds = registry.filter((e) => !e.archived && isAssigned(ws.memberId, e)).map((e) => e.id);
  const handles = useProjectHandles(session, myIds);
  const store = useMemo(() => createProjectReadsStore(handles), [handles]);
  const projectReads = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const extras = useMemo(
    () => (local && workspaceRead ? liveExtras(workspaceRead, projectReads, ws, asOf) : null),
    [local, workspaceRead, projectReads, ws, asOf],
  );

  const scheduler = useMemo(() => (session ? createRefreshScheduler(() => refreshProjection(db, session, asOf)) : null), [db, session, asOf]);
  useEffect(() => () => scheduler?.stop(), [scheduler]);
  useEffect(() => {
    // Once the documents are read, and again whenever they change (my edits, relayed ones, the server's).
    if (local) scheduler?.request();
  }, [scheduler, local, workspaceRead, projectReads]);

  const openDoc = useEditDocs(session);
  const canEdit = useMemo(() => editRights(ws.memberId, extras), [ws.memberId, extras]);
  const actions = useMemo(
    () =>
      session
        ? docActions({
            openProject: openDoc,
            author: () => session.author(),
            canEdit,
            afterEdit: () => scheduler?.request(),
          })
        : READ_ONLY_ACTIONS,
    [openDoc, session, canEdit, scheduler],
  );

  const host = useSyncStatus(session?.host.status ?? null);
  // Until the documents open, the connection is being set up.
  const { state, unsynced, closeCode } = session ? host : { state: 'syncing' as const, unsynced: 0, closeCode: undefined };
  useEffect(() => {
    const status = popupStatus(ws, { state, unsynced, ...(closeCode !== undefined ? { closeCode } : {}) }, now());
    onView({ locale, ws, projection, extras, actions, status, workspaces, onSwitch });
  }, [locale, ws, projection, extras, actions, state, unsynced, closeCode, workspaces, onSwitch, onView, now]);
  return null;
}

export interface LivePopupProps {
  /** The page's Dexie database; without it one is opened on `dbName` (and closed with the page). */
  db?: GuatuDb;
  dbName: string;
  /** The plain IndexedDB read the page painted from (null when there was none): shown until Dexie answers. */
  first: PopupFirstRead | null;
  /** The workspace chosen in this popup, if any (App.tsx stores it); it wins over the remembered one. */
  choice: string | undefined;
  onSwitch: (key: string) => void;
  /** Receives what the popup's screen should show, whenever it changes. */
  onView: (view: PopupView) => void;
  openSession?: SessionFactory;
  now: () => number;
}

/** The popup once painted: Dexie opened, live queries instead of the first read, the documents opened. */
export default function LivePopup({ db: given, dbName, first, choice, onSwitch, onView, openSession = openDefaultSession, now }: LivePopupProps) {
  const db = useMemo(() => given ?? openGuatuDb(dbName), [given, dbName]);
  useEffect(() => {
    if (given) return;
    return () => db.close();
  }, [db, given]);
  const locale = useLiveQuery(() => getLocale(db), [db]) ?? first?.locale ?? DEFAULT_LOCALE;
  const workspaces = useLiveQuery(() => listWorkspaces(db), [db]) ?? first?.workspaces;
  const remembered = useLiveQuery(() => getCurrentWorkspaceKey(db), [db]);
  const choices = useMemo(() => (workspaces ?? []).map((w) => ({ key: w.key, label: w.workspaceName || w.workspaceId })), [workspaces]);
  // Nothing read yet (only when the plain read failed): keep what is on screen.
  const known = workspaces !== undefined && (remembered !== undefined || first !== null);
  const current = known ? chooseWorkspace(workspaces, choice, remembered !== undefined ? remembered : first?.current?.key) : null;

  useEffect(() => {
    if (known && !current) onView({ locale, ws: null, projection: null, extras: null, actions: READ_ONLY_ACTIONS, status: { state: 'syncing', unsynced: 0 }, workspaces: [], onSwitch });
  }, [known, current, locale, onSwitch, onView]);
  if (!current) return null;
  return (
    <LiveWorkspace
      key={current.key}
      ws={current}
      firstProjection={first?.current?.key === current.key ? first.projection : undefined}
      db={db}
      locale={locale}
      workspaces={choices}
      onSwitch={onSwitch}
      onView={onView}
      openSession={openSession}
      now={now}
    />
  );
}
