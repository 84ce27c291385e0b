import { t } from '../../shared/i18n';
import { CloseReason } from '../../shared/protocol/close-codes';
import type { CalendarDate, Locale } from '../../shared/schema/common';

/** The connection as the board shows it (a session's SyncStatus has this shape). */
export interface BoardStatus {
  state: 'online' | 'syncing' | 'offline' | 'refused';
  unsynced: number;
  closeCode?: number;
  closeReason?: string;
}

function refusal(code: number | undefined, reason: string | undefined, locale: Locale): string {
  if (reason === CloseReason.clientIdForeign) return t(locale, 'sync.stopped.clientIdForeign');
  if (reason === CloseReason.clientIdsTooMany) return t(locale, 'sync.stopped.clientIdsTooMany');
  switch (code) {
    case 4401:
      return t(locale, 'board.refused.4401');
    case 4403:
      return t(locale, 'board.refused.4403');
    case 4409:
      return t(locale, 'board.refused.4409');
    default:
      return code === undefined ? '' : String(code);
  }
}

interface Props {
  title: string;
  campaignName: string;
  asOf: CalendarDate;
  locale: Locale;
  wall: boolean;
  readOnly: boolean;
  status?: BoardStatus;
  /** The 导入 page (Excel/CSV import), offered to admins and leaders only. */
  importHref?: string;
  /** The 动态 page (the whole workspace's changes), offered to the 项目办, leaders and 督查 (read-only ones too). */
  activityHref?: string;
}

export function BoardHeader({ title, campaignName, asOf, locale, wall, readOnly, status, importHref, activityHref }: Props) {
  return (
    <header className="board-header">
      <h1>
        {t(locale, 'board.title')} · {title}
      </h1>
      <span className="campaign">{campaignName}</span>
      <span className="as-of">{t(locale, 'board.asOf', { date: asOf })}</span>
      {wall ? <span className="badge">{t(locale, 'board.wallBadge')}</span> : readOnly ? <span className="badge">{t(locale, 'board.readOnly')}</span> : null}
      {status ? (
        <span className={`sync sync-${status.state}`} role="status">
          {t(locale, `board.status.${status.state}`)}
          {status.state === 'refused' ? `：${refusal(status.closeCode, status.closeReason, locale)}` : ''}
        </span>
      ) : null}
      {importHref && !wall && !readOnly ? (
        <a className="import-link" href={importHref}>
          {t(locale, 'import.page.link')}
        </a>
      ) : null}
      {activityHref && !wall ? (
        <a className="activity-link" href={activityHref}>
          {t(locale, 'activityPage.link')}
        </a>
      ) : null}
    </header>
  );
}
