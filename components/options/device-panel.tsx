import type { DeviceStorageView } from '../../client/view-models/device-storage';
import { useMessages } from '../common/i18n-context';

export interface DevicePanelProps {
  /** Null while the browser is being asked. */
  storage: DeviceStorageView | null;
  /** The server address the organisation set by policy (managed storage); null when none. */
  managedServerUrl: string | null;
}

/** "Data on this computer": persistent storage granted or not, space used, and the address set by the organisation. */
export function DevicePanel({ storage, managedServerUrl }: DevicePanelProps) {
  const { t } = useMessages();
  return (
    <section className="device-panel" aria-label={t('device.title')}>
      <h2>{t('device.title')}</h2>
      {managedServerUrl ? <p className="managed-server">{t('device.managedServer', { url: managedServerUrl })}</p> : null}
      {storage === null ? (
        <p>{t('device.checking')}</p>
      ) : (
        <>
          <p className={`persistence ${storage.persistence}`}>{t(`device.${storage.persistence}`)}</p>
          {storage.used !== null ? (
            <p className="storage-usage">
              {storage.quota !== null ? t('device.usage', { used: storage.used, quota: storage.quota }) : t('device.usageOnly', { used: storage.used })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
