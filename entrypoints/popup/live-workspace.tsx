import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ChecklistProjection, GuatuDb, JoinedWorkspace } from '../../client/db';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import { isExpired } from '../../client/join';
import { refreshProjection } from '../../client/projection';
import { openSession as openClientSession } from '../../client/session';
import { docActions } from '../../components/checklist/doc-actions';
import { editRights, liveExtras } from '../../components/checklist/live-extras';
import type { WorkspaceChoice } from '../../components/checklist/popup-header';
import { readWorkspace, toWorkspaceData } from '../../shared/model';
import { isAssigned } from '../../shared/rights';
import { createProjectReadsStore } from './project-reads';
import { createRefreshScheduler } from './refresh-scheduler';
import { useEditDocs, useProjectHandles, useSession, type SessionFactory } from './use-session';
import { popupStatus, WorkspaceView } from './workspace-view';

export interface LiveWorkspaceProps {
  db: GuatuDb;
  ws: JoinedWorkspace;
  projection: ChecklistProjection | null | undefined;
  asOf: string;
  workspaces: readonly WorkspaceChoice[];
  onSwitch: (key: string) => void;
  /** How the documents are opened (tests pass in-memory ones). */
  openSession?: SessionFactory;
  now: () => number;
}

/** A token that has expired is not sent: the documents open from IndexedDB only, and edits wait for a rejoin. */
const openDefaultSession: SessionFactory = (ws) => openClientSession(ws, { connect: !isExpired(ws, Date.now()) });

/**
 * The live side of one workspace (loaded after the first paint, with Yjs and the model): opens the workspace document
 * and my project documents, offers the edit controls my rights allow, and keeps the Dexie projection fresh after my
 * edits and whenever anyone else's arrive.
 */
export default function LiveWorkspace({ db, ws, projection, asOf, workspaces, onSwitch, openSession = openDefaultSession, now }: LiveWorkspaceProps) {
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
    () => (local && workspaceRead ? liveExtras(workspaceRead, projectReads, ws.memberId, asOf) : null),
    [local, workspaceRead, projectReads, ws.memberId, asOf],
  );

  const scheduler = useMemo(() => (session ? createRefreshScheduler(() => refreshProjection(db, session, asOf)) : null), [db, session, asOf]);
  useEffect(() => () => scheduler?.stop(), [scheduler]);
  useEffect(() => {
    // Once the documents are read, and again whenever they change (my edits, relayed ones, the server's).
    if (local) scheduler?.request();
  }, [scheduler, local, workspaceRead, projectReads]);

  const openDoc = useEditDocs(session);
  const canEdit = useMemo(() => editRights(ws.role, ws.memberId, extras), [ws.role, ws.memberId, extras]);
  const actions = useMemo(
    () =>
      docActions({
        openProject: openDoc,
        author: () => session?.author() ?? { memberId: ws.memberId, at: now() },
        canEdit,
        afterEdit: () => scheduler?.request(),
      }),
    [openDoc, session, ws.memberId, now, canEdit, scheduler],
  );

  const hostStatus = useSyncStatus(session?.host.status ?? null);
  return (
    <WorkspaceView ws={ws} projection={projection} extras={extras} actions={actions} status={popupStatus(ws, hostStatus, now())} workspaces={workspaces} onSwitch={onSwitch} />
  );
}
