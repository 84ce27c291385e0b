import { describe, expect, it } from 'vitest';
import enTable from 'virtual:page-messages/en';
import zhTable from 'virtual:page-messages/zh-CN';
import { hasPageMessages, loadedPageMessages, loadPageMessages } from '../../../components/common/page-messages';
import { EXTENSION_PAGE_TABLES, pageMessages } from '../../../shared/i18n/extension-pages';

const KEYS = EXTENSION_PAGE_TABLES.flatMap((table) => Object.keys(table['zh-CN'])).sort();

describe("one language's page messages (virtual:page-messages/<locale>)", () => {
  it('hold every page key, each saying what the tables say in that language, and nothing else', () => {
    for (const [locale, table] of [
      ['zh-CN', zhTable],
      ['en', enTable],
    ] as const) {
      expect(Object.keys(table).sort()).toEqual(KEYS);
      for (const key of KEYS) expect(table[key as keyof typeof table], `${locale} ${key}`).toBe(pageMessages.t(locale, key as never));
    }
  });

  it('load on demand, and a page speaks from them as from the full tables', async () => {
    expect(hasPageMessages('en')).toBe(false);
    await loadPageMessages('en');
    expect(hasPageMessages('en')).toBe(true);
    expect(hasPageMessages('zh-CN')).toBe(false);
    expect(loadedPageMessages.t('en', 'checklist.state.overdue', { days: 3 })).toBe(pageMessages.t('en', 'checklist.state.overdue', { days: 3 }));
    expect(loadedPageMessages.has('err.generic')).toBe(true);
    expect(loadedPageMessages.has('board.title')).toBe(false);
  });
});
