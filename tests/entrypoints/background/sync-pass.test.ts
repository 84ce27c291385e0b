import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { openGuatuDb, setLocale, type ChecklistProjection, type GuatuDb, type JoinedWorkspace } from '../../../client/db';
import type { ChecklistItem } from '../../../shared/calc/checklist';
import { openSession } from '../../../client/session';
import { BADGE_COLOR } from '../../../entrypoints/background/badge';
import { startBackground, SYNC_ALARM, SYNC_PERIOD_MINUTES } from '../../../entrypoints/background/wiring';
import { freshName, WS } from '../../client/helpers';

/** 2026-03-10 09:00 in Shanghai; the checklists below are stored as of that day. */
const NOW = Date.UTC(2026, 2, 10, 1);

const joined = (id: string, overrides: Partial<JoinedWorkspace> = {}): JoinedWorkspace => ({
  key: `http://127.0.0.1:9|${id}`,
  serverUrl: 'http://127.0.0.1:9',
  workspaceId: id,
  workspaceName: '某县',
  memberId: 'alice',
  memberName: '张伟',
  role: 'member',
  token: 't',
  expiresAt: NOW + 86_400_000,
  joinedAt: 1,
  ...overrides,
});

const item = (overrides: Partial<ChecklistItem>): ChecklistItem => ({
  kind: 'milestone',
  projectId: 'p1',
  projectName: '智能装备产业园',
  recordId: 'm1',
  title: '取得用地批复',
  due: '2026-03-01',
  state: 'overdue',
  daysOverdue: 9,
  escalation: 'supervised',
  ...overrides,
});

const projection = (key: string, items: ChecklistItem[]): ChecklistProjection => ({
  key,
  asOf: '2026-03-10',
  memberId: 'alice',
  items,
  overdue: items.filter((i) => i.state === 'overdue').length,
  targets: [],
  projects: [],
  updatedAt: 1,
});

let db: GuatuDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = openGuatuDb(freshName('background'));
});
afterEach(async () => {
  await db.delete();
});

/** The worker as wired, with sessions that never reach a server (the checklist then comes from what is stored). */
function start() {
  return startBackground({
    browser,
    db,
    openSession: (ws) => openSession(ws, { connect: false, persistence: false, relay: false, WebSocketPolyfill: WS }),
    now: () => NOW,
    settleMs: 0,
  });
}

describe('background sync pass', () => {
  it('opens the options page on a fresh install, so the person can join a workspace; not on an update', async () => {
    const openOptions = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    const { pass } = start();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await pass();
    expect(openOptions).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await pass();
    await vi.waitFor(() => expect(openOptions).toHaveBeenCalledTimes(1));
    openOptions.mockRestore();
  });

  it('schedules a pass every 15 minutes', async () => {
    start();
    expect(await browser.alarms.get(SYNC_ALARM)).toMatchObject({ name: SYNC_ALARM, periodInMinutes: SYNC_PERIOD_MINUTES });
  });

  it('on the alarm, sets the badge to the overdue items of every joined workspace, in red', async () => {
    await db.workspaces.bulkPut([joined('w1'), joined('w2')]);
    await db.projections.bulkPut([
      projection(joined('w1').key, [item({}), item({ recordId: 'm2' }), item({ recordId: 'm3', state: 'dueSoon', daysOverdue: 0, due: '2026-03-20' })]),
      projection(joined('w2').key, [item({ recordId: 'm4' })]),
      // A workspace left meanwhile: its stale checklist does not count.
      projection(joined('gone').key, [item({ recordId: 'm5' }), item({ recordId: 'm6' })]),
    ]);
    const { pass } = start();
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: NOW, persistAcrossSessions: false });
    const report = await pass(); // shares the pass the alarm started
    expect(report.overdue).toBe(3);
    expect(await browser.action.getBadgeText({})).toBe('3');
    expect(BADGE_COLOR).toBe('#c41d1d');
    expect(await browser.action.getBadgeBackgroundColor({})).toEqual([0xc4, 0x1d, 0x1d, 255]);
  });

  it('clears the badge when nothing is overdue', async () => {
    await db.workspaces.put(joined('w1'));
    await db.projections.put(projection(joined('w1').key, [item({ state: 'dueSoon', daysOverdue: 0, due: '2026-03-20' })]));
    await browser.action.setBadgeText({ text: '7' });
    await start().pass();
    expect(await browser.action.getBadgeText({})).toBe('');
  });

  it('skips a workspace whose token expired instead of connecting with it', async () => {
    await db.workspaces.bulkPut([joined('w1'), joined('old', { expiresAt: NOW - 1 })]);
    const opened: string[] = [];
    const { pass } = startBackground({
      browser,
      db,
      now: () => NOW,
      settleMs: 0,
      openSession: (ws) => {
        opened.push(ws.workspaceId);
        return openSession(ws, { connect: false, persistence: false, relay: false, WebSocketPolyfill: WS });
      },
    });
    const report = await pass();
    expect(opened).toEqual(['w1']);
    expect(report.skippedExpired).toEqual([joined('old').key]);
  });

  it('notifies once about a milestone due tomorrow and an unfiled 月报 on report day, in the chosen language', async () => {
    await setLocale(db, 'zh-CN');
    await db.workspaces.put(joined('w1'));
    await db.projections.put(
      projection(joined('w1').key, [
        item({ recordId: 'm7', title: '完成环评', due: '2026-03-11', state: 'dueSoon', daysOverdue: 0, escalation: 'assigned' }),
        item({ recordId: 'm8', title: '下周的节点', due: '2026-03-17', state: 'dueSoon', daysOverdue: 0, escalation: 'assigned' }),
        item({
          kind: 'report',
          recordId: 'p1:2026-02',
          title: '智能装备产业园',
          due: '2026-03-10',
          state: 'unfiled',
          daysOverdue: 0,
          escalation: 'assigned',
          month: '2026-02',
        }),
      ]),
    );
    const create = vi.spyOn(browser.notifications, 'create');
    const { pass } = start();
    await pass();
    await pass();
    expect(create).toHaveBeenCalledTimes(2);
    const shown = create.mock.calls.map((args) => z.object({ title: z.string(), message: z.string() }).parse(args[1]));
    expect(shown.map((n) => n.title).sort()).toEqual(['今天是月报报送日', '明天到期：完成环评']);
    expect(shown.map((n) => n.message)).toContain('项目“智能装备产业园”2026-02 月报尚未报送，今天（2026-03-10）截止');
  });

  it('runs a pass when the network comes back and when a page asks for one', async () => {
    await db.workspaces.put(joined('w1'));
    await db.projections.put(projection(joined('w1').key, [item({})]));
    const online = new EventTarget();
    const opened: string[] = [];
    const { pass } = startBackground({
      browser,
      db,
      now: () => NOW,
      settleMs: 0,
      onlineEvents: online,
      openSession: (ws) => {
        opened.push(ws.workspaceId);
        return openSession(ws, { connect: false, persistence: false, relay: false, WebSocketPolyfill: WS });
      },
    });
    online.dispatchEvent(new Event('online'));
    await pass();
    expect(opened.length).toBeGreaterThanOrEqual(1);
    const before = opened.length;
    await fakeBrowser.runtime.onMessage.trigger({ type: 'guatu:sync' }, {}, () => {});
    await pass();
    expect(opened.length).toBeGreaterThan(before);
    expect(await browser.action.getBadgeText({})).toBe('1');
  });
});
