/**
 * The browser side of keeping a cadre's edits safe on an office machine: persistent storage (so the browser never
 * evicts IndexedDB holding unsynced edits), how much is used, and what the organisation set by policy
 * (`browser.storage.managed`, schema in public/managed-schema.json).
 */
import { parseManagedSettings, type ManagedSettings } from '../shared/schema/managed-settings';

export interface StorageStatus {
  /** True once the browser granted persistent storage; null where the browser cannot say. */
  persisted: boolean | null;
  /**
   * The extension holds `unlimitedStorage`: Chromium then never evicts its data (its quota manager skips unlimited
   * origins) even when `persisted()` says false, as it does for extensions in Chromium.
   */
  unlimited: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** The part of `navigator.storage` used here (absent in old browsers and some test environments). */
export interface StorageManagerLike {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

/**
 * Asks for persistent storage when not yet granted (Chrome grants it to an extension with `unlimitedStorage`), then
 * reports what the browser says. Never throws: a browser that refuses is reported, not an error.
 */
export async function ensurePersistentStorage(storage: StorageManagerLike | undefined, options: { unlimited?: boolean } = {}): Promise<StorageStatus> {
  const unlimited = options.unlimited ?? false;
  if (!storage) return { persisted: null, unlimited, usageBytes: null, quotaBytes: null };
  let persisted: boolean | null = null;
  try {
    persisted = (await storage.persisted?.()) ?? null;
    if (persisted !== true && storage.persist) persisted = await storage.persist();
  } catch {
    persisted = null;
  }
  let estimate: { usage?: number; quota?: number } = {};
  try {
    estimate = (await storage.estimate?.()) ?? {};
  } catch {
    estimate = {};
  }
  return { persisted, unlimited, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
}

/** The part of `browser.storage.managed` used here. */
export interface ManagedAreaLike {
  get(keys?: null): Promise<Record<string, unknown>>;
}

/** What the organisation set by policy; nothing set (or no managed storage, e.g. Firefox without policy) reads as nulls. */
export async function readManagedSettings(area: ManagedAreaLike | undefined): Promise<ManagedSettings> {
  if (!area) return parseManagedSettings({});
  try {
    return parseManagedSettings(await area.get(null));
  } catch {
    return parseManagedSettings({});
  }
}
