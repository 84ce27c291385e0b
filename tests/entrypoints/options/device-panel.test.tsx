// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensurePersistentStorage, readManagedSettings } from '../../../client/device-storage';
import { getLocale, openGuatuDb, setLocale, type GuatuDb } from '../../../client/db';
import { App } from '../../../entrypoints/options/App';

let db: GuatuDb;
let n = 0;
beforeEach(() => {
  db = openGuatuDb(`device-test-${n++}`);
});
afterEach(() => {
  cleanup();
  db.close();
});

/** navigator.storage as a browser answers: persistence granted or not on asking, and an estimate. */
function storageManager(grants: boolean) {
  let persisted = false;
  return {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => (persisted = grants)),
    estimate: vi.fn(async () => ({ usage: 12.4 * 1024 * 1024, quota: 2 * 1024 ** 3 })),
  };
}

describe('the options page keeps this computer’s data safe', () => {
  it('asks for persistent storage, says it was granted and how much is used; the organisation’s address fills the form', async () => {
    const storage = storageManager(true);
    const managed = { get: vi.fn(async () => ({ serverUrl: 'https://guatu.anping.gov.cn/', locale: 'en' })) };
    render(<App db={db} device={{ ensureStorage: () => ensurePersistentStorage(storage), readManaged: () => readManagedSettings(managed) }} />);
    // the organisation chose English as the default: the page follows, since nobody chose a language yet
    expect(await screen.findByText('Server address set by your organisation: https://guatu.anping.gov.cn')).toBeTruthy();
    expect(await screen.findByText('Storage is persistent: the browser will not clear unsynced edits when the disk runs low.')).toBeTruthy();
    expect(screen.getByText('12.4 MB used (the browser allows 2.0 GB)')).toBeTruthy();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    await waitFor(() => expect((screen.getByLabelText('Server address') as HTMLInputElement).value).toBe('https://guatu.anping.gov.cn'));
    expect(await getLocale(db)).toBe('en');
  });

  it('warns when the browser refuses persistence; a language the person chose wins over the organisation’s default', async () => {
    await setLocale(db, 'zh-CN');
    const storage = storageManager(false);
    const managed = { get: vi.fn(async () => ({ serverUrl: 'not an address', locale: 'en' })) };
    render(<App db={db} device={{ ensureStorage: () => ensurePersistentStorage(storage), readManaged: () => readManagedSettings(managed) }} />);
    expect(await screen.findByText(/浏览器未同意持久保存/)).toBeTruthy();
    expect(screen.getByText('已用 12.4 MB（浏览器允许 2.0 GB）')).toBeTruthy();
    // a mistyped policy value is ignored, not shown as the organisation's address
    expect(screen.queryByText(/由单位设置/)).toBeNull();
    expect(await getLocale(db)).toBe('zh-CN');
  });

  it('reads nothing set when the browser has no managed storage or it fails', async () => {
    expect(await readManagedSettings(undefined)).toEqual({ serverUrl: null, locale: null });
    expect(await readManagedSettings({ get: () => Promise.reject(new Error('Managed storage is not available')) })).toEqual({ serverUrl: null, locale: null });
    expect(await ensurePersistentStorage(undefined)).toEqual({ persisted: null, unlimited: false, usageBytes: null, quotaBytes: null });
  });

  it('with unlimitedStorage says the data is kept even when the browser does not report persistence (Chromium extensions)', async () => {
    const storage = storageManager(false);
    render(
      <App
        db={db}
        device={{ ensureStorage: () => ensurePersistentStorage(storage, { unlimited: true }), readManaged: () => readManagedSettings(undefined) }}
      />,
    );
    expect(await screen.findByText('本扩展有“不限存储”权限：浏览器不会因空间不足清除尚未同步的填报。')).toBeTruthy();
    expect(screen.queryByText(/浏览器未同意持久保存/)).toBeNull();
  });
});
