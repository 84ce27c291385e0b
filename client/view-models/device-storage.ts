import type { StorageStatus } from '../device-storage';

/** The options page's storage line as shown: whether it is persistent, and sizes as people read them. */
export interface DeviceStorageView {
  persistence: 'persisted' | 'unlimited' | 'notPersisted' | 'unknown';
  used: string | null;
  quota: string | null;
}

/** 820 KB, 12.4 MB, 1.2 GB (binary units, one decimal from MB on). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(0, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function deviceStorageView(status: StorageStatus): DeviceStorageView {
  return {
    persistence: status.persisted === true ? 'persisted' : status.unlimited ? 'unlimited' : status.persisted === false ? 'notPersisted' : 'unknown',
    used: status.usageBytes === null ? null : formatBytes(status.usageBytes),
    quota: status.quotaBytes === null ? null : formatBytes(status.quotaBytes),
  };
}
