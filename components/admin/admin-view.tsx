import type { ReactNode } from 'react';
import { SyncStatusBadge, type SyncStatusView } from '../common/sync-status-badge';
import { useAdminMessages, type AdminMessageKey } from './admin-messages';

export const ADMIN_TABS = ['units', 'members', 'projects', 'targets', 'campaign', 'invites'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

const TAB_LABEL: Record<AdminTab, AdminMessageKey> = {
  units: 'admin.tab.units',
  members: 'admin.tab.members',
  projects: 'admin.tab.projects',
  targets: 'admin.tab.targets',
  campaign: 'admin.tab.campaign',
  invites: 'admin.tab.invites',
};

export interface AdminViewProps {
  workspaceName: string;
  /** 姓名 · 角色. */
  me: string;
  readOnly: boolean;
  status: SyncStatusView;
  invalidCount: number;
  tab: AdminTab;
  onTab: (tab: AdminTab) => void;
  /** The open tab's section. */
  children: ReactNode;
}

/** The console's frame: who and where, sync state, read-only notice, the tabs, and the open section. */
export function AdminView({ workspaceName, me, readOnly, status, invalidCount, tab, onTab, children }: AdminViewProps) {
  const { t } = useAdminMessages();
  return (
    <main className={readOnly ? 'admin read-only' : 'admin'}>
      <header className="admin-header">
        <h1>
          {t('admin.title')} · <span className="workspace-name">{workspaceName}</span>
        </h1>
        <div className="admin-meta">
          <span className="me">{me}</span>
          <SyncStatusBadge status={status} />
        </div>
      </header>
      {readOnly ? (
        <p className="read-only-notice" role="note">
          {t('admin.readOnly')}
        </p>
      ) : (
        <p className="muted offline-note">{t('admin.offlineNote')}</p>
      )}
      {invalidCount > 0 ? <p className="muted">{t('admin.invalidRecords', { count: invalidCount })}</p> : null}
      <div className="admin-tabs" role="tablist">
        {ADMIN_TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            data-tab={key}
            className={tab === key ? 'tab active' : 'tab'}
            onClick={() => onTab(key)}
          >
            {t(TAB_LABEL[key])}
          </button>
        ))}
      </div>
      <div className="admin-panel" role="tabpanel">
        {children}
      </div>
    </main>
  );
}
