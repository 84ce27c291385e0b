import { describe, expect, it } from 'vitest';
import { deviceStorageView, formatBytes } from '../../../client/view-models/device-storage';

describe('the options page’s storage line', () => {
  it('reads sizes as people do', () => {
    expect(formatBytes(0)).toBe('0 KB');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(12.44 * 1024 * 1024)).toBe('12.4 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
  });

  it('says persisted over unlimited over refused, and unknown when the browser cannot say', () => {
    const sizes = { usageBytes: 2048, quotaBytes: null };
    expect(deviceStorageView({ persisted: true, unlimited: true, ...sizes })).toEqual({ persistence: 'persisted', used: '2 KB', quota: null });
    expect(deviceStorageView({ persisted: false, unlimited: true, ...sizes }).persistence).toBe('unlimited');
    expect(deviceStorageView({ persisted: false, unlimited: false, ...sizes }).persistence).toBe('notPersisted');
    expect(deviceStorageView({ persisted: null, unlimited: false, usageBytes: null, quotaBytes: null })).toEqual({
      persistence: 'unknown',
      used: null,
      quota: null,
    });
  });
});
