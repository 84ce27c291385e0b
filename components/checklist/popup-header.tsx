import type { QuarterTheme } from '../../shared/schema/campaign';
import type { Role } from '../../shared/schema/member';
import { useMessages } from '../common/i18n-context';
import { SyncStatusBadge, type SyncStatusView } from '../common/sync-status-badge';

export interface WorkspaceChoice {
  key: string;
  label: string;
}

export interface PopupHeaderProps {
  workspaceName: string;
  memberName: string;
  role: Role;
  /** The current quarter theme (开门红/双过半/攻坚/收官), once the campaign is known. */
  theme: { quarter: 1 | 2 | 3 | 4; theme: QuarterTheme } | null;
  status: SyncStatusView;
  overdue: number;
  /** Several joined workspaces → a switcher. */
  workspaces: readonly WorkspaceChoice[];
  currentKey: string;
  onSwitch: (key: string) => void;
}

/** Who and where I am, the quarter's theme, how many things are overdue, and whether my edits reached the server. */
export function PopupHeader({ workspaceName, memberName, role, theme, status, overdue, workspaces, currentKey, onSwitch }: PopupHeaderProps) {
  const { t } = useMessages();
  return (
    <header className="popup-header">
      <div className="header-line">
        {workspaces.length > 1 ? (
          <select className="workspace-switcher" aria-label={t('ui.header.switcher')} value={currentKey} onChange={(e) => onSwitch(e.target.value)}>
            {workspaces.map((w) => (
              <option key={w.key} value={w.key}>
                {w.label}
              </option>
            ))}
          </select>
        ) : (
          <h1 className="workspace-name">{workspaceName}</h1>
        )}
        <SyncStatusBadge status={status} />
      </div>
      <div className="header-line sub">
        <span className="me">{t('ui.header.me', { name: memberName, role: t(`role.${role}`) })}</span>
        {theme ? (
          <span className="theme-tag">{t('ui.header.theme', { quarter: t(`ui.quarter.${theme.quarter}`), theme: t(`theme.${theme.theme}`) })}</span>
        ) : null}
        <span className={overdue > 0 ? 'overdue-count has-overdue' : 'overdue-count'}>
          {overdue > 0 ? t('ui.header.overdue', { count: overdue }) : t('ui.header.noOverdue')}
        </span>
      </div>
    </header>
  );
}
