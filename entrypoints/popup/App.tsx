import { lazy, Suspense, useCallback, useMemo } from 'react';
import { readProjection, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { DbContext, useLiveQuery, useLocale } from '../../client/hooks';
import { listWorkspaces } from '../../client/join';
import type { WorkspaceChoice } from '../../components/checklist/popup-header';
import { NoWorkspace } from '../../components/checklist/no-workspace';
import { LocaleProvider, useMessages } from '../../components/common/i18n-context';
import { shanghaiDate } from '../../shared/i18n';
import { getCurrentWorkspaceKey, setCurrentWorkspaceKey } from './popup-settings';
import { READ_ONLY_ACTIONS } from './read-only-actions';
import type { SessionFactory } from './use-session';
import { popupStatus, WorkspaceView } from './workspace-view';

// Yjs, the document model and the providers load after the first paint: the checklist paints from Dexie alone.
const LiveWorkspace = lazy(() => import('./live-workspace'));

export interface PopupAppProps {
  db: GuatuDb;
  onOpenOptions: () => void;
  onOpenBoard: () => void;
  /** How a workspace's documents are opened (default: client/session with IndexedDB, relay and server). */
  openSession?: SessionFactory;
  now?: () => number;
}

function Workspace({ db, ws, workspaces, onSwitch, openSession, now }: { db: GuatuDb; ws: JoinedWorkspace; workspaces: readonly WorkspaceChoice[]; onSwitch: (key: string) => void; openSession: SessionFactory | undefined; now: () => number }) {
  const projection = useLiveQuery(() => readProjection(db, ws.key), [db, ws.key]);
  const asOf = useMemo(() => shanghaiDate(now()), [now]);
  const painted = (
    <WorkspaceView
      ws={ws}
      projection={projection}
      extras={null}
      actions={READ_ONLY_ACTIONS}
      // Until the documents open, the connection is being set up.
      status={popupStatus(ws, { state: 'syncing', unsynced: 0 }, now())}
      workspaces={workspaces}
      onSwitch={onSwitch}
    />
  );
  return (
    <Suspense fallback={painted}>
      <LiveWorkspace db={db} ws={ws} projection={projection} asOf={asOf} workspaces={workspaces} onSwitch={onSwitch} {...(openSession ? { openSession } : {})} now={now} />
    </Suspense>
  );
}

function Popup({ db, onOpenOptions, onOpenBoard, openSession, now = Date.now }: PopupAppProps) {
  const { t } = useMessages();
  const workspaces = useLiveQuery(() => listWorkspaces(db), [db]);
  const chosen = useLiveQuery(() => getCurrentWorkspaceKey(db), [db]);
  const onSwitch = useCallback((key: string) => void setCurrentWorkspaceKey(db, key), [db]);
  // Nothing read yet: paint nothing rather than flash "no workspace".
  if (workspaces === undefined || chosen === undefined) return null;
  if (workspaces.length === 0) return <NoWorkspace onOpenOptions={onOpenOptions} />;
  const current = workspaces.find((w) => w.key === chosen) ?? workspaces[0]!;
  const choices = workspaces.map((w) => ({ key: w.key, label: w.workspaceName || w.workspaceId }));
  return (
    <>
      <Workspace key={current.key} db={db} ws={current} workspaces={choices} onSwitch={onSwitch} openSession={openSession} now={now} />
      <footer className="popup-footer">
        <button type="button" className="link" onClick={onOpenBoard}>
          {t('ui.openBoard')}
        </button>
        <button type="button" className="link" onClick={onOpenOptions}>
          {t('ui.openOptions')}
        </button>
      </footer>
    </>
  );
}

function Localised(props: PopupAppProps) {
  const locale = useLocale();
  return (
    <LocaleProvider locale={locale}>
      <Popup {...props} />
    </LocaleProvider>
  );
}

/** The popup: my checklist in the chosen workspace, or a pointer to the options page. */
export function App(props: PopupAppProps) {
  return (
    <DbContext.Provider value={props.db}>
      <Localised {...props} />
    </DbContext.Provider>
  );
}
