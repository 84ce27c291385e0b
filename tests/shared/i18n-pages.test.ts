import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translate';
import { defineMessages } from '../../shared/i18n/define';
import { t } from '../../shared/i18n';
import { errorMessages } from '../../shared/i18n/errors';
import { EXTENSION_PAGE_TABLES, pageMessages } from '../../shared/i18n/extension-pages';
import { modelMessages } from '../../shared/i18n/model';

describe("the popup and options pages' message tables", () => {
  it('say exactly what the full set says, in both languages', () => {
    for (const table of EXTENSION_PAGE_TABLES) {
      for (const key of Object.keys(table['zh-CN'])) {
        if (!pageMessages.has(key)) throw new Error(`${key} missing`);
        expect(pageMessages.t('zh-CN', key, { days: 3, title: '规划选址' })).toBe(t('zh-CN', key, { days: 3, title: '规划选址' }));
        expect(pageMessages.t('en', key, { days: 3, title: '规划选址' })).toBe(t('en', key, { days: 3, title: '规划选址' }));
      }
    }
    expect(pageMessages.t('zh-CN', 'checklist.state.overdue', { days: 3 })).toBe('已逾期 3 天');
  });

  it("hold every key a field error can carry (the errors and model tables) and none of the board's", () => {
    for (const key of [...Object.keys(errorMessages['zh-CN']), ...Object.keys(modelMessages['zh-CN'])]) expect(pageMessages.has(key)).toBe(true);
    expect(pageMessages.has('board.title')).toBe(false);
    expect(pageMessages.has('auth.badRequest')).toBe(false);
  });
});

describe('createTranslator', () => {
  const table = defineMessages({ 'zh-CN': { 'x.hello': '你好，{name}' }, en: { 'x.hello': 'Hello, {name}' } });
  const { t: say, has } = createTranslator([table]);

  it('fills placeholders, leaves a placeholder without a value as it is, and knows only its own keys', () => {
    expect(say('en', 'x.hello', { name: 'Wei' })).toBe('Hello, Wei');
    expect(say('zh-CN', 'x.hello')).toBe('你好，{name}');
    expect(has('x.hello')).toBe(true);
    expect(has('toString')).toBe(false);
  });
});
