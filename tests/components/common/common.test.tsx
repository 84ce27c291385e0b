// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sortErrors } from '../../../components/common/field-errors';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import { InvalidRecord } from '../../../components/common/invalid-record';
import { LightDot } from '../../../components/common/light-dot';
import { SyncStatusBadge, type SyncStatusView } from '../../../components/common/sync-status-badge';
import type { Locale } from '../../../shared/schema/common';
import { onZhPage } from '../zh-page';

afterEach(cleanup);

function badge(status: SyncStatusView, locale: Locale = 'zh-CN'): string {
  render(
    <LocaleProvider locale={locale} messages={pageMessages}>
      <SyncStatusBadge status={status} />
    </LocaleProvider>,
  );
  const text = screen.getByRole('status').textContent ?? '';
  cleanup();
  return text;
}

describe('sync status', () => {
  it('says 在线 / 同步中 / 离线（N 项未同步）and why the server refused', () => {
    expect(badge({ state: 'online', unsynced: 0 })).toBe('在线');
    expect(badge({ state: 'syncing', unsynced: 0 })).toBe('同步中');
    expect(badge({ state: 'offline', unsynced: 0 })).toBe('离线');
    expect(badge({ state: 'offline', unsynced: 3 })).toBe('离线（3 项未同步）');
    expect(badge({ state: 'refused', unsynced: 0, closeCode: 4401 })).toBe('已断开：登录凭证已过期，请重新加入');
    expect(badge({ state: 'refused', unsynced: 0, closeCode: 4403 })).toBe('已断开：没有访问权限');
    expect(badge({ state: 'refused', unsynced: 2, closeCode: 4409 })).toBe('已断开：访问权限已被收回');
    expect(badge({ state: 'refused', unsynced: 0, closeCode: 4400 })).toBe('已断开：服务器拒绝连接（4400）');
    expect(badge({ state: 'offline', unsynced: 3 }, 'en')).toBe('Offline (3 not synced)');
  });
});

describe('light dot', () => {
  it('names its colour for screen readers in the page language', () => {
    render(
      <LocaleProvider locale="zh-CN" messages={pageMessages}>
        <LightDot light="yellow" />
      </LocaleProvider>,
    );
    expect(screen.getByRole('img', { name: '黄灯' }).getAttribute('data-light')).toBe('yellow');
  });
});

describe('invalid record', () => {
  it('says 记录无效 with each reason', () => {
    render(<InvalidRecord reasons={[{ path: 'dueDate', key: 'err.date.format', params: {} }]} />, onZhPage);
    expect(screen.getByRole('note').textContent).toBe('记录无效：日期格式应为 年-月-日，如 2026-03-31');
  });
});

describe('sortErrors', () => {
  it('sends each error to the field it names by full path, first or last segment, and the rest to the form', () => {
    const e = (path: string) => ({ path, key: 'err.generic' as const, params: {} });
    const { byField, rest } = sortErrors([e('completedWan'), e('3.cumulativeWan'), e('stageDates.preparation'), e(''), e('other')], {
      figure: ['completedWan', 'cumulativeWan'],
      date: ['stageDates'],
    });
    expect(byField.figure?.map((x) => x.path)).toEqual(['completedWan', '3.cumulativeWan']);
    expect(byField.date?.map((x) => x.path)).toEqual(['stageDates.preparation']);
    expect(rest.map((x) => x.path)).toEqual(['', 'other']);
  });
});
