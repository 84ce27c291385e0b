import type { ChecklistProjection, JoinedWorkspace } from '../../client/db';
import type { ChecklistActions } from '../../components/checklist/checklist-actions';
import { checklistData, type LiveExtras } from '../../client/view-models/checklist/checklist-source';
import { ChecklistView } from '../../components/checklist/checklist-view';
import { PopupHeader, type WorkspaceChoice } from '../../components/checklist/popup-header';
import { useMessages } from '../../components/common/i18n-context';
import type { SyncStatusView } from '../../components/common/sync-status-badge';
import { CloseCode } from '../../shared/protocol/close-codes';

/**
 * What the popup shows about the connection: an expired token is not even tried (the server would close with 4401).
 * Expired as client/join's `isExpired` says, written out here: that module brings zod and Dexie to the first paint.
 */
export function popupStatus(ws: JoinedWorkspace, host: SyncStatusView, now: number): SyncStatusView {
  return ws.expiresAt <= now ? { state: 'refused', unsynced: host.unsynced, closeCode: CloseCode.unauthenticated } : host;
}

export interface WorkspaceViewProps {
  ws: JoinedWorkspace;
  /** undefined while Dexie answers, null when no checklist was ever stored. */
  projection: ChecklistProjection | null | undefined;
  extras: LiveExtras | null;
  actions: ChecklistActions;
  status: SyncStatusView;
  workspaces: readonly WorkspaceChoice[];
  onSwitch: (key: string) => void;
}

/** One workspace's header and checklist, from the projection plus whatever the open documents add. */
export function WorkspaceView({ ws, projection, extras, actions, status, workspaces, onSwitch }: WorkspaceViewProps) {
  const { t } = useMessages();
  return (
    <div className="popup">
      <PopupHeader
        workspaceName={extras?.workspace?.name ?? (ws.workspaceName || ws.workspaceId)}
        memberName={extras?.memberName ?? ws.memberName}
        role={extras?.role ?? ws.role}
        theme={projection?.theme ?? null}
        status={status}
        overdue={projection?.overdue ?? 0}
        workspaces={workspaces}
        currentKey={ws.key}
        onSwitch={onSwitch}
      />
      {projection ? <ChecklistView data={checklistData(projection, extras)} actions={actions} /> : <p className="loading">{t('ui.loading')}</p>}
    </div>
  );
}
