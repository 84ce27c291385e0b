import type { PageMessageKey } from '../../shared/i18n/extension-pages';
import { CloseCode, CloseReason } from '../../shared/protocol/close-codes';
import { useMessages } from './i18n-context';

/** The sync state as the doc host reports it (structurally the same as client/doc-host's SyncStatus). */
export interface SyncStatusView {
  state: 'online' | 'syncing' | 'offline' | 'refused';
  unsynced: number;
  closeCode?: number;
  /** The close frame's text: which refusal of `closeCode` it was, when the server names one. */
  closeReason?: string;
}

const REFUSAL: Partial<Record<number, PageMessageKey>> = {
  [CloseCode.unauthenticated]: 'ui.sync.refused.expired',
  [CloseCode.forbidden]: 'ui.sync.refused.forbidden',
  [CloseCode.revoked]: 'ui.sync.refused.revoked',
  [CloseCode.changeRefused]: 'sync.close.changeRefused',
  [CloseCode.documentTooLarge]: 'sync.close.documentTooLarge',
  // the doc host stops with these only when what it has to send was refused twice (client/sync-status.ts isUnsendable)
  [CloseCode.messageTooBig]: 'sync.stopped.tooBig',
  [CloseCode.rateLimited]: 'sync.stopped.overBudget',
};

/** Refusals told apart by their reason: 4422 also covers refusals by rights, with other words. */
const REFUSAL_BY_REASON: Partial<Record<string, PageMessageKey>> = {
  [CloseReason.clientIdForeign]: 'sync.stopped.clientIdForeign',
  [CloseReason.clientIdsTooMany]: 'sync.stopped.clientIdsTooMany',
};

/** 在线 / 同步中 / 离线（N 项未同步）/ refused with the reason a person can act on. */
export function syncStatusText(status: SyncStatusView, t: (key: PageMessageKey, params?: Record<string, string | number>) => string): string {
  switch (status.state) {
    case 'online':
      return t('ui.sync.online');
    case 'syncing':
      return status.unsynced > 0 ? t('ui.sync.syncingUnsynced', { count: status.unsynced }) : t('ui.sync.syncing');
    case 'offline':
      return status.unsynced > 0 ? t('ui.sync.offlineUnsynced', { count: status.unsynced }) : t('ui.sync.offline');
    case 'refused': {
      const byReason = status.closeReason === undefined ? undefined : REFUSAL_BY_REASON[status.closeReason];
      const key = byReason ?? (status.closeCode === undefined ? undefined : REFUSAL[status.closeCode]);
      return key ? t(key) : t('ui.sync.refused.other', { code: status.closeCode ?? '?' });
    }
  }
}

export function SyncStatusBadge({ status }: { status: SyncStatusView }) {
  const { t } = useMessages();
  return (
    <span className={`sync-status sync-${status.state}`} role="status" data-state={status.state}>
      {syncStatusText(status, t)}
    </span>
  );
}
