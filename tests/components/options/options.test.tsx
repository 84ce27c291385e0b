// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import { JoinForm, type JoinFailureReason, type JoinFormOutcome } from '../../../components/options/join-form';
import { LanguageSwitch } from '../../../components/options/language-switch';
import { WorkspaceList, type WorkspaceEntry } from '../../../components/options/workspace-list';
import { onZhPage } from '../zh-page';

afterEach(cleanup);

const CASES: Array<[JoinFailureReason, '服务器地址' | '邀请码' | null, string]> = [
  ['badAddress', '服务器地址', '服务器地址格式不对，应类似 http://127.0.0.1:8787'],
  ['unreachable', '服务器地址', '连不上服务器，请检查地址和网络后重试'],
  ['unknownCode', '邀请码', '没有这个邀请码，请核对后重新输入'],
  ['usedCode', '邀请码', '这个邀请码已经用过了，请向项目办索取新的邀请码'],
  ['expiredCode', '邀请码', '这个邀请码已过期，请向项目办索取新的邀请码'],
  ['revokedCode', '邀请码', '这个邀请码已被项目办作废，请向项目办索取新的邀请码'],
  ['server', null, '服务器出错了，请稍后再试'],
];

describe('join form', () => {
  it.each(CASES)('shows %s at the field to change', async (reason, field, message) => {
    const onJoin = vi.fn(async (): Promise<JoinFormOutcome> => ({ ok: false, reason }));
    render(<JoinForm onJoin={onJoin} />, onZhPage);
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'ABCD-1234' } });
    fireEvent.click(screen.getByRole('button', { name: '加入' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    expect(onJoin).toHaveBeenCalledWith('http://127.0.0.1:8787', 'ABCD-1234');
    if (field) expect(screen.getByLabelText(field).getAttribute('aria-describedby')).toBe(alert.id);
    else for (const label of ['服务器地址', '邀请码']) expect(screen.getByLabelText(label).getAttribute('aria-invalid')).toBe('false');
  });

  it('asks for a code before calling the server, and says which workspace was joined', async () => {
    const onJoin = vi.fn(async (): Promise<JoinFormOutcome> => ({ ok: true, workspaceName: '云川市2026年项目建设年' }));
    render(<JoinForm onJoin={onJoin} initialServerUrl="http://10.0.0.5:8787" />, onZhPage);
    fireEvent.click(screen.getByRole('button', { name: '加入' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请输入邀请码');
    expect(onJoin).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'K7Q2-M9XD' } });
    fireEvent.click(screen.getByRole('button', { name: '加入' }));
    expect((await screen.findByRole('status')).textContent).toBe('已加入“云川市2026年项目建设年”');
    expect(onJoin).toHaveBeenCalledWith('http://10.0.0.5:8787', 'K7Q2-M9XD');
    expect((screen.getByLabelText('邀请码') as HTMLInputElement).value).toBe('');
  });
});

const WORKSPACES: WorkspaceEntry[] = [
  {
    key: 'http://127.0.0.1:8787|ws1',
    workspaceName: '云川市2026年项目建设年',
    memberName: '张伟',
    role: 'member',
    serverUrl: 'http://127.0.0.1:8787',
    expired: false,
  },
  {
    key: 'http://10.0.0.5:8787|ws2',
    workspaceName: '安平县2026年项目建设年',
    memberName: '张伟',
    role: 'observer',
    serverUrl: 'http://10.0.0.5:8787',
    expired: true,
  },
];

describe('join form opened from an invite link', () => {
  it('comes filled in with the link’s server and code and says one click joins', async () => {
    const onJoin = vi.fn(async (): Promise<JoinFormOutcome> => ({ ok: true, workspaceName: '泰陵县' }));
    render(<JoinForm initialServerUrl="http://10.0.0.5:8787" initialCode="DQJJVM5D" onJoin={onJoin} />, onZhPage);
    expect(screen.getByText('已按邀请链接填好服务器地址和邀请码，点击“加入”即可。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '加入' }));
    await waitFor(() => expect(onJoin).toHaveBeenCalledWith('http://10.0.0.5:8787', 'DQJJVM5D'));
  });
});

describe('workspace list', () => {
  it('offers the admin console only where adminHref gives an address (项目办)', () => {
    render(
      <WorkspaceList
        workspaces={WORKSPACES}
        onLeave={() => {}}
        onRejoin={() => {}}
        adminHref={(ws) => (ws.role === 'member' ? `/admin.html?ws=${ws.key}` : null)}
      />,
      onZhPage,
    );
    const links = screen.getAllByRole('link', { name: '管理控制台' });
    expect(links.map((a) => a.getAttribute('href'))).toEqual([`/admin.html?ws=${WORKSPACES[0]!.key}`]);
  });

  it('lists name, me and my role, server; an expired token says to join again', () => {
    const onRejoin = vi.fn();
    render(<WorkspaceList workspaces={WORKSPACES} onLeave={() => {}} onRejoin={onRejoin} />, onZhPage);
    const [first, second] = screen.getAllByRole('listitem');
    expect(first!.textContent).toContain('云川市2026年项目建设年');
    expect(first!.textContent).toContain('我：张伟（干部）');
    expect(first!.textContent).toContain('服务器：http://127.0.0.1:8787');
    expect(first!.textContent).not.toContain('过期');
    expect(second!.textContent).toContain('我：张伟（督查（只读））');
    expect(screen.getByRole('alert').textContent).toContain('登录凭证已过期，请向项目办索取新的邀请码后重新加入');
    fireEvent.click(screen.getByRole('button', { name: '重新加入' }));
    expect(onRejoin).toHaveBeenCalledWith(WORKSPACES[1]);
  });

  it('leaves only after confirming', () => {
    const onLeave = vi.fn();
    render(<WorkspaceList workspaces={WORKSPACES} onLeave={onLeave} onRejoin={() => {}} />, onZhPage);
    fireEvent.click(screen.getAllByRole('button', { name: '退出' })[0]!);
    expect(onLeave).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog').textContent).toContain('确定退出“云川市2026年项目建设年”吗？');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: '退出' })[0]!);
    fireEvent.click(screen.getByRole('button', { name: '确定退出' }));
    expect(onLeave).toHaveBeenCalledWith('http://127.0.0.1:8787|ws1');
  });
});

describe('language switch', () => {
  it('reports the choice; labels follow the locale the page passes down', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <LocaleProvider locale="zh-CN" messages={pageMessages}>
        <LanguageSwitch onChange={onChange} />
        <JoinForm onJoin={async () => ({ ok: true, workspaceName: '' })} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('group', { name: '语言' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText('English'));
    expect(onChange).toHaveBeenCalledWith('en');
    rerender(
      <LocaleProvider locale="en" messages={pageMessages}>
        <LanguageSwitch onChange={onChange} />
        <JoinForm onJoin={async () => ({ ok: true, workspaceName: '' })} />
      </LocaleProvider>,
    );
    await waitFor(() => expect(screen.getByRole('group', { name: 'Language' })).toBeTruthy());
    expect(screen.getByLabelText('Invite code')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy();
  });
});
