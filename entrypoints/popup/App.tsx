import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { DEFAULT_DB_NAME, readPopupFirst, rememberWorkspace, type PopupFirstRead } from '../../client/popup-first-read';
import { PopupScreen, type PopupView } from './popup-screen';
import { READ_ONLY_ACTIONS } from './read-only-actions';
import { deferredActions, pendingActions } from './pending-actions';
import { storedEditRights } from '../../client/view-models/checklist/stored-rights';
import { canEscalateProblem } from '../../shared/rights';
import type { SessionFactory } from './use-session';
import type { ProjectionRefresher } from './worker-refresh';
import { popupStatus } from './workspace-view';

// Everything live — zod, Yjs, the model, the providers — loads once the checklist is on screen: the first paint needs
// React, the checklist components and one plain IndexedDB read. Dexie never loads here: the popup reads its rows with
// plain IndexedDB, and the background worker stores the checklist.
const LivePopup = lazy(() => import('./live-workspace'));

export interface PopupAppProps {
  /** The name of Dexie's database (tests pass their own); `guatu` by default. */
  dbName?: string;
  /** What main.tsx read before rendering; without it the page reads on mount. null: the stored rows could not be read. */
  first?: PopupFirstRead | null;
  onOpenOptions: () => void;
  onOpenBoard: () => void;
  /** How a workspace's documents are opened (default: client/session with IndexedDB, relay and server). */
  openSession?: SessionFactory;
  /** How the stored checklist is recomputed after edits (default: the background worker). */
  refresh?: ProjectionRefresher;
  now?: () => number;
}

/** The popup: my checklist in the chosen workspace, or a pointer to the options page. */
export function App({ dbName = DEFAULT_DB_NAME, first: given, onOpenOptions, onOpenBoard, openSession, refresh, now = Date.now }: PopupAppProps) {
  const [first, setFirst] = useState<PopupFirstRead | null | undefined>(given);
  // A switch: stored at once with a plain write (the popup may close any moment), then
  // that workspace's checklist is read the same way; the live side follows the choice too.
  const [choice, setChoice] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (given !== undefined && choice === undefined) return;
    let current = true;
    const stored = choice === undefined ? Promise.resolve(true) : rememberWorkspace(dbName, choice);
    void stored.then(() => readPopupFirst(dbName, choice === undefined ? {} : { preferKey: choice })).then((read) => current && setFirst(read));
    return () => {
      current = false;
    };
  }, [dbName, given, choice]);

  const [live, setLive] = useState(false);
  const read = first !== undefined;
  useEffect(() => {
    if (!read) return;
    // After the frame that shows the checklist: the live side's scripts must not hold up its paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setLive(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [read]);

  const onSwitch = useCallback((key: string) => setChoice(key), []);
  // The live side's actions, once it hands them over: an edit started on the first paint waits for them.
  // One per workspace shown: an edit is never handed to another workspace's documents.
  const shownKey = first?.current?.key ?? null;
  const live$ = useMemo(() => ({ key: shownKey, ...deferredActions() }), [shownKey]);
  // The stored checklist as first read, with no document open yet (the connection is being set up): its edit controls
  // show at once where the stored rights allow, and act once the documents are open.
  const firstView = useMemo((): PopupView | null => {
    if (!first) return null;
    const ws = first.current;
    return {
      locale: first.locale,
      ws,
      projection: first.projection,
      extras: null,
      actions: ws ? pendingActions(storedEditRights(ws.role, first.projection), canEscalateProblem(ws.role), live$.promise) : READ_ONLY_ACTIONS,
      status: ws ? popupStatus(ws, { state: 'syncing', unsynced: 0 }, now()) : { state: 'syncing', unsynced: 0 },
      workspaces: first.workspaces.map((w) => ({ key: w.key, label: w.workspaceName || w.workspaceId })),
      onSwitch,
    };
  }, [first, now, onSwitch, live$]);
  const [liveView, setLiveView] = useState<PopupView | null>(null);
  useEffect(() => {
    // handed over once the workspace document is read: actions made before it would carry no rights and be refused
    if (liveView?.ws && liveView.extras !== null && liveView.ws.key === live$.key) live$.resolve(liveView.actions);
  }, [liveView, live$]);
  const view = liveView ?? firstView;

  return (
    <>
      {view ? <PopupScreen view={view} onOpenOptions={onOpenOptions} onOpenBoard={onOpenBoard} /> : null}
      {live ? (
        <Suspense fallback={null}>
          <LivePopup
            dbName={dbName}
            first={first ?? null}
            choice={choice}
            onSwitch={onSwitch}
            onView={setLiveView}
            {...(openSession ? { openSession } : {})}
            {...(refresh ? { refresh } : {})}
            now={now}
          />
        </Suspense>
      ) : null}
    </>
  );
}
