// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getLocale, openGuatuDb, readWorkspaces, workspaceKey, type GuatuDb } from '../../../client/db';
import { App } from '../../../entrypoints/options/App';

const NOW = Date.UTC(2026, 3, 3, 2);
let db: GuatuDb;
let n = 0;

/** The server's POST /api/join: one good code, one used, one expired; anything else unknown. */
const server = vi.fn(async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
  expect(String(url)).toBe('http://127.0.0.1:8787/api/join');
  const { code } = JSON.parse(String(init?.body)) as { code: string };
  const error = (status: number, c: string) => new Response(JSON.stringify({ error: { code: c, message: '' } }), { status });
  if (code === 'GOOD-CODE')
    return new Response(JSON.stringify({ token: 'tok', workspaceId: 'ws1', memberId: 'm-me', role: 'member', expiresAt: NOW + 86_400_000 }), { status: 200 });
  if (code === 'USED-CODE') return error(409, 'invite.used');
  if (code === 'OLD-CODE') return error(410, 'invite.expired');
  return error(404, 'invite.unknown');
});

beforeEach(() => {
  fakeBrowser.reset();
  server.mockClear();
  db = openGuatuDb(`options-test-${n++}`);
});
afterEach(() => {
  cleanup();
  db.close();
});

function join(code: string, serverUrl?: string): void {
  if (serverUrl !== undefined) fireEvent.change(screen.getByLabelText('服务器地址'), { target: { value: serverUrl } });
  fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: '加入' }));
}

describe('options page', () => {
  it('joins with an invite code, lists the workspace, and pulls it once', async () => {
    const onJoined = vi.fn();
    render(<App db={db} fetch={server} now={() => NOW} onJoined={onJoined} />);
    join('GOOD-CODE');
    expect((await screen.findByRole('status')).textContent).toBe('已加入“ws1”');
    const list = screen.getByRole('region', { name: '已加入的工作区' });
    await waitFor(() => expect(within(list).getByText('服务器：http://127.0.0.1:8787')).toBeTruthy());
    expect(onJoined).toHaveBeenCalledWith(expect.objectContaining({ key: workspaceKey('http://127.0.0.1:8787', 'ws1'), memberId: 'm-me' }));
  });

  it.each([
    ['USED-CODE', '这个邀请码已经用过了，请向项目办索取新的邀请码'],
    ['OLD-CODE', '这个邀请码已过期，请向项目办索取新的邀请码'],
    ['NO-SUCH', '没有这个邀请码，请核对后重新输入'],
  ])('shows what is wrong with %s at the code field', async (code, message) => {
    render(<App db={db} fetch={server} now={() => NOW} />);
    join(code);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    expect(screen.getByLabelText('邀请码').getAttribute('aria-describedby')).toBe(alert.id);
    expect(await readWorkspaces(db)).toEqual([]);
  });

  it('says a bad address or an unreachable server at the address field', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<App db={db} fetch={down} now={() => NOW} />);
    join('GOOD-CODE', 'ftp://x');
    expect((await screen.findByRole('alert')).textContent).toBe('服务器地址格式不对，应类似 http://127.0.0.1:8787');
    expect(down).not.toHaveBeenCalled();
    join('GOOD-CODE', 'http://10.9.9.9:8787');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('连不上服务器，请检查地址和网络后重试'));
    expect(screen.getByLabelText('服务器地址').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows an expired token with a rejoin that prefills its server, and leaves after confirming', async () => {
    const key = workspaceKey('http://10.0.0.5:8787', 'ws2');
    await db.workspaces.put({
      key,
      serverUrl: 'http://10.0.0.5:8787',
      workspaceId: 'ws2',
      workspaceName: '安平县2026年项目建设年',
      memberId: 'm-me',
      memberName: '张伟',
      role: 'member',
      token: 'old',
      expiresAt: NOW - 1,
      joinedAt: NOW - 90 * 86_400_000,
    });
    render(<App db={db} fetch={server} now={() => NOW} />);
    expect((await screen.findByRole('alert')).textContent).toContain('登录凭证已过期');
    fireEvent.click(screen.getByRole('button', { name: '重新加入' }));
    expect((screen.getByLabelText('服务器地址') as HTMLInputElement).value).toBe('http://10.0.0.5:8787');

    fireEvent.click(screen.getByRole('button', { name: '退出' }));
    fireEvent.click(screen.getByRole('button', { name: '确定退出' }));
    await waitFor(() => expect(screen.getByText('还没有加入任何工作区')).toBeTruthy());
    expect(await readWorkspaces(db)).toEqual([]);
  });

  it('stores the language and every label follows it', async () => {
    render(<App db={db} fetch={server} now={() => NOW} />);
    fireEvent.click(await screen.findByLabelText('English'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Guatu · Options' })).toBeTruthy();
    expect(screen.getByLabelText('Invite code')).toBeTruthy();
    expect(await getLocale(db)).toBe('en');
  });
});
