// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openGuatuDb, readProjection, setLocale, workspaceKey, type GuatuDb, type JoinedWorkspace } from '../../../client/db';
import { computeProjection, refreshProjection } from '../../../client/projection';
import { App } from '../../../entrypoints/popup/App';
import { summaryRow } from '../../../shared/calc/summary-row';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import { AS_OF, buildWorld, ME, type World } from '../../components/checklist/world';
import type { Session } from '../../../client/session';
import { fakeSession } from './fake-session';

const NOW = Date.UTC(2026, 3, 3, 2); // 3 April 2026, 10:00 in Shanghai
const SERVER = 'http://127.0.0.1:8787';
let db: GuatuDb;
let n = 0;

function joined(overrides: Partial<JoinedWorkspace> = {}): JoinedWorkspace {
  const workspaceId = overrides.workspaceId ?? 'ws1';
  return {
    key: workspaceKey(SERVER, workspaceId),
    serverUrl: SERVER,
    workspaceId,
    workspaceName: '云川市2026年项目建设年',
    memberId: ME,
    memberName: '张伟',
    role: 'member',
    token: 'tok',
    expiresAt: NOW + 30 * 86_400_000,
    joinedAt: NOW - 86_400_000,
    ...overrides,
  };
}

/** What the worker's last pass left in Dexie for the world as it stands. */
async function storeProjection(world: World, ws: JoinedWorkspace): Promise<void> {
  const data = toWorkspaceData(readWorkspace(world.workspace)).data!;
  const rows = [...world.projects.values()].map((doc) => {
    const { bundle, invalid } = toProjectBundle(readProjectDoc(doc));
    return summaryRow(bundle!, invalid);
  });
  await db.projections.put(computeProjection(ws.key, ME, data, rows, AS_OF, NOW));
}

/** The test's database, and the worker's projection refresh run in this page against it. */
const storage = () => ({ dbName: db.name, refresh: (session: Session, asOf: string) => refreshProjection(db, session, asOf) });

const overdueTitles = () =>
  within(screen.getByRole('region', { name: '已逾期' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.item-title')?.textContent);

beforeEach(() => {
  fakeBrowser.reset();
  db = openGuatuDb(`popup-test-${n++}`);
});
afterEach(async () => {
  cleanup();
  db.close();
});

describe('popup', () => {
  it('points to the options page when no workspace is joined', async () => {
    const onOpenOptions = vi.fn();
    render(<App {...storage()} onOpenOptions={onOpenOptions} onOpenBoard={() => {}} now={() => NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: '打开设置页' }));
    expect(screen.getByText('还没有加入工作区')).toBeTruthy();
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });

  it('paints the stored checklist before any document has loaded, its edit controls with it (#9 §5)', async () => {
    const world = buildWorld();
    const ws = joined();
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    const never = new Promise<void>(() => {});
    render(
      <App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world, { loaded: never })} />,
    );
    await waitFor(() => expect(overdueTitles()).toEqual(['规划选址', '施工用电未接入', '土地预审']));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('云川市2026年项目建设年');
    expect(screen.getByText('张伟 · 干部')).toBeTruthy();
    expect(screen.getByText('逾期 3 项')).toBeTruthy();
    // The quarter's theme is stored with the checklist: it shows before any document has loaded.
    expect(screen.getByText('二季度 · 双过半')).toBeTruthy();
    // the controls come with the list, not after the documents
    expect(screen.getByRole('checkbox', { name: '完成节点“规划选址”' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '调整阶段' }).length).toBeGreaterThan(0);
  });

  it('an edit made before the documents have loaded waits for them, then counts (#9 §5)', async () => {
    const world = buildWorld();
    const ws = joined();
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    let load: () => void = () => {};
    const loaded = new Promise<void>((resolve) => {
      load = resolve;
    });
    render(<App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world, { loaded })} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: '完成节点“规划选址”' }));
    // nothing is written before the project document is open
    expect(overdueTitles()).toEqual(['规划选址', '施工用电未接入', '土地预审']);
    load();
    await waitFor(() => expect(overdueTitles()).toEqual(['施工用电未接入', '土地预审']), { timeout: 5000 });
    expect((await readProjection(db, ws.key))?.overdue).toBe(2);
  });

  it('turns live once the documents load: the connection state, edit controls, and a tick refreshes the stored checklist', async () => {
    const world = buildWorld();
    const ws = joined();
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    render(
      <App
        {...storage()}
        onOpenOptions={() => {}}
        onOpenBoard={() => {}}
        now={() => NOW}
        openSession={(w) => fakeSession(w, world, { status: { state: 'offline', unsynced: 2 } })}
      />,
    );
    // The live side's code loads lazily (cold in a test run on a busy machine): allow it a few seconds.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('离线（2 项未同步）'), { timeout: 5000 });
    expect(screen.getByText('二季度 · 双过半')).toBeTruthy();
    fireEvent.click(await screen.findByRole('checkbox', { name: '完成节点“规划选址”' }));
    await waitFor(() => expect(overdueTitles()).toEqual(['施工用电未接入', '土地预审']));
    expect(screen.getByText('逾期 2 项')).toBeTruthy();
    const stored = await readProjection(db, ws.key);
    expect(stored?.overdue).toBe(2);
    expect(stored?.items.some((i) => i.title === '规划选址')).toBe(false);
  });

  it('shows a record another replica broke as invalid, and keeps the rest working', async () => {
    const world = buildWorld();
    world.projects.get('p1')!.getMap('problems').set('pr-bad/deadline', '2026-02-30');
    world.projects.get('p1')!.getMap('problems').set('pr-bad/description', '坏问题');
    const ws = joined();
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    render(<App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world)} />);
    const invalid = await screen.findByRole('region', { name: '无法读取的记录' });
    expect(invalid.textContent).toContain('智能装备产业园 · 问题 · pr-bad：记录无效：');
    expect(invalid.textContent).toContain('没有这一天，请检查月份和日期');
    expect(screen.getByRole('checkbox', { name: '完成节点“规划选址”' })).toBeTruthy();
  });

  it('gives an observer the checklist without edit controls', async () => {
    const world = buildWorld();
    const ws = joined({ role: 'observer', memberId: 'm-obs', memberName: '李督查' });
    await db.workspaces.put(ws);
    const data = toWorkspaceData(readWorkspace(world.workspace)).data!;
    await db.projections.put(computeProjection(ws.key, 'm-obs', data, [], AS_OF, NOW));
    render(<App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world)} />);
    expect(await screen.findByText('二季度 · 双过半')).toBeTruthy();
    expect(screen.getByText('李督查 · 督查（只读）')).toBeTruthy();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /填报|升级|销号|调整阶段|报问题/ })).toHaveLength(0);
  });

  it('switches between joined workspaces and remembers the choice', async () => {
    const world = buildWorld();
    const first = joined();
    const second = joined({ workspaceId: 'ws2', workspaceName: '安平县2026年项目建设年', joinedAt: NOW });
    await db.workspaces.bulkPut([first, second]);
    await storeProjection(world, first);
    const data = toWorkspaceData(readWorkspace(world.workspace)).data!;
    await db.projections.put(computeProjection(second.key, ME, data, [], AS_OF, NOW));
    const never = new Promise<void>(() => {});
    render(
      <App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world, { loaded: never })} />,
    );
    const switcher = (await screen.findByRole('combobox', { name: '切换工作区' })) as HTMLSelectElement;
    expect(switcher.value).toBe(first.key);
    await waitFor(() => expect(screen.getByText('逾期 3 项')).toBeTruthy());
    fireEvent.change(switcher, { target: { value: second.key } });
    await waitFor(() => expect(screen.getByText('无逾期')).toBeTruthy());
    expect((await db.settings.get('popup.workspace'))?.value).toBe(second.key);
  });

  it('says the token expired instead of trying the server', async () => {
    const world = buildWorld();
    const ws = joined({ expiresAt: NOW - 1 });
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    render(
      <App
        {...storage()}
        onOpenOptions={() => {}}
        onOpenBoard={() => {}}
        now={() => NOW}
        openSession={(w) => fakeSession(w, world, { status: { state: 'offline', unsynced: 0 } })}
      />,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已断开：登录凭证已过期，请重新加入'));
  });

  it('follows the language stored in settings', async () => {
    const world = buildWorld();
    const ws = joined();
    await db.workspaces.put(ws);
    await storeProjection(world, ws);
    await setLocale(db, 'en');
    const never = new Promise<void>(() => {});
    render(
      <App {...storage()} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world, { loaded: never })} />,
    );
    expect(await screen.findByRole('region', { name: 'Overdue' })).toBeTruthy();
    expect(screen.getByText('3 overdue')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Options' })).toBeTruthy();
  });
});
