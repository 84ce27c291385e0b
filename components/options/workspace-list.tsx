import { useState } from 'react';
import type { Role } from '../../shared/schema/member';
import { useMessages } from '../common/i18n-context';

/** A joined workspace as the options page lists it. */
export interface WorkspaceEntry {
  key: string;
  workspaceName: string;
  memberName: string;
  role: Role;
  serverUrl: string;
  /** The token has expired: the server would refuse it, so the person must join again. */
  expired: boolean;
}

export interface WorkspaceListProps {
  workspaces: readonly WorkspaceEntry[];
  onLeave: (key: string) => Promise<void> | void;
  onRejoin: (entry: WorkspaceEntry) => void;
  /** The admin console's address for a workspace I administer (项目办), or null: no link for anyone else. */
  adminHref?: (entry: WorkspaceEntry) => string | null;
}

/** Joined workspaces with who I am there and "leave" (asks first: leaving deletes the local copy). */
export function WorkspaceList({ workspaces, onLeave, onRejoin, adminHref }: WorkspaceListProps) {
  const { t } = useMessages();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (workspaces.length === 0) return <p className="empty">{t('ui.workspaces.empty')}</p>;
  return (
    <ul className="workspace-list">
      {workspaces.map((ws) => {
        // An unsynced workspace has no name yet: its id part of the key is the best we have.
        const name = ws.workspaceName || ws.key.split('|').at(-1) || ws.key;
        const admin = adminHref?.(ws) ?? null;
        return (
          <li key={ws.key} className={ws.expired ? 'workspace expired' : 'workspace'} data-key={ws.key}>
            <div className="workspace-name">{name}</div>
            <div className="workspace-meta">
              {ws.memberName ? <span>{t('ui.workspaces.me', { name: ws.memberName, role: t(`role.${ws.role}`) })}</span> : <span>{t(`role.${ws.role}`)}</span>}
              <span>{t('ui.workspaces.server', { url: ws.serverUrl })}</span>
              {admin ? (
                <a className="admin-link" href={admin} target="_blank" rel="noreferrer">
                  {t('ui.workspaces.admin')}
                </a>
              ) : null}
            </div>
            {ws.expired ? (
              <p className="token-expired" role="alert">
                {t('ui.workspaces.expired')}{' '}
                <button type="button" className="action" onClick={() => onRejoin(ws)}>
                  {t('ui.workspaces.rejoin')}
                </button>
              </p>
            ) : null}
            {confirming === ws.key ? (
              <div className="confirm" role="alertdialog" aria-label={t('ui.workspaces.leave')}>
                <p>{t('ui.workspaces.leaveConfirm', { name })}</p>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setConfirming(null);
                    void onLeave(ws.key);
                  }}
                >
                  {t('ui.workspaces.leaveYes')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('ui.action.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="action" onClick={() => setConfirming(ws.key)}>
                {t('ui.workspaces.leave')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
