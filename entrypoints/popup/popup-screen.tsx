import type { JoinedWorkspace } from '../../client/db';
import type { ChecklistActions } from '../../components/checklist/checklist-actions';
import type { LiveExtras } from '../../client/view-models/checklist/checklist-source';
import { NoWorkspace } from '../../components/checklist/no-workspace';
import type { WorkspaceChoice } from '../../components/checklist/popup-header';
import { LocaleProvider, useMessages } from '../../components/common/i18n-context';
import { loadedPageMessages } from '../../components/common/page-messages';
import { usePageLocale } from '../../components/common/use-page-locale';
import type { SyncStatusView } from '../../components/common/sync-status-badge';
import type { Locale } from '../../shared/schema/common';
import { WorkspaceView, type WorkspaceViewProps } from './workspace-view';

/** Everything the popup shows, from the first plain read or from the live side: one screen draws both. */
export interface PopupView {
  locale: Locale;
  /** The workspace shown; null when none is joined. */
  ws: JoinedWorkspace | null;
  projection: WorkspaceViewProps['projection'];
  extras: LiveExtras | null;
  actions: ChecklistActions;
  status: SyncStatusView;
  workspaces: readonly WorkspaceChoice[];
  onSwitch: (key: string) => void;
}

function Footer({ onOpenOptions, onOpenBoard }: { onOpenOptions: () => void; onOpenBoard: () => void }) {
  const { t } = useMessages();
  return (
    <footer className="popup-footer">
      <button type="button" className="link" onClick={onOpenBoard}>
        {t('ui.openBoard')}
      </button>
      <button type="button" className="link" onClick={onOpenOptions}>
        {t('ui.openOptions')}
      </button>
    </footer>
  );
}

/**
 * The popup's one screen. It stays mounted when the live side takes over (only its props change), so nothing the
 * cadre is pointing at is replaced under the cursor. It speaks only a language whose messages are loaded (main.tsx
 * loads the stored one before the first render): after a change of language it keeps the one it had until the new
 * one's messages arrive, and before any it draws nothing — never raw keys.
 */
export function PopupScreen({ view, onOpenOptions, onOpenBoard }: { view: PopupView; onOpenOptions: () => void; onOpenBoard: () => void }) {
  const { ws } = view;
  const locale = usePageLocale(view.locale);
  if (locale === null) return null;
  return (
    <LocaleProvider locale={locale} messages={loadedPageMessages}>
      {ws ? (
        <WorkspaceView
          ws={ws}
          projection={view.projection}
          extras={view.extras}
          actions={view.actions}
          status={view.status}
          workspaces={view.workspaces}
          onSwitch={view.onSwitch}
        />
      ) : (
        <NoWorkspace onOpenOptions={onOpenOptions} />
      )}
      <Footer onOpenOptions={onOpenOptions} onOpenBoard={onOpenBoard} />
    </LocaleProvider>
  );
}
