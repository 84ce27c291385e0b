import { useMessages } from '../common/i18n-context';

/** The first thing a new cadre sees: where to go to join. */
export function NoWorkspace({ onOpenOptions }: { onOpenOptions: () => void }) {
  const { t } = useMessages();
  return (
    <section className="no-workspace">
      <h1>{t('ui.noWorkspace.title')}</h1>
      <p>{t('ui.noWorkspace.body')}</p>
      <button type="button" className="primary" onClick={onOpenOptions}>
        {t('ui.noWorkspace.open')}
      </button>
    </section>
  );
}
