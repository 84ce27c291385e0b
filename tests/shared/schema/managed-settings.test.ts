import { describe, expect, it } from 'vitest';
import { parseManagedSettings } from '../../../shared/schema/managed-settings';

describe('settings pushed by the organisation’s browser policy', () => {
  it('takes an http(s) server address (without a trailing slash) and a language, each on its own', () => {
    expect(parseManagedSettings({ serverUrl: ' https://guatu.anping.gov.cn/ ', locale: 'zh-CN' })).toEqual({
      serverUrl: 'https://guatu.anping.gov.cn',
      locale: 'zh-CN',
    });
    expect(parseManagedSettings({ serverUrl: 'ftp://x', locale: 'en' })).toEqual({ serverUrl: null, locale: 'en' });
    expect(parseManagedSettings({ serverUrl: 'http://192.168.1.20:8787', locale: 'fr' })).toEqual({ serverUrl: 'http://192.168.1.20:8787', locale: null });
    expect(parseManagedSettings(null)).toEqual({ serverUrl: null, locale: null });
    expect(parseManagedSettings({ serverUrl: 42 })).toEqual({ serverUrl: null, locale: null });
  });
});
