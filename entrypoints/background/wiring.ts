import type { browser as wxtBrowser } from 'wxt/browser';
import type { GuatuDb, JoinedWorkspace } from '../../client/db';
import type { Session } from '../../client/session';
import { NOTIFICATION_ICON_URL } from './notification-icon';
import { runSyncPass, serialisePasses, type SyncPassReport } from './sync-pass';

/** The periodic sync pass (SPEC §4): every 15 minutes, and whenever the network comes back. */
export const SYNC_ALARM = 'guatu-sync';
export const SYNC_PERIOD_MINUTES = 15;
/** What a page sends (`browser.runtime.sendMessage`) to ask for a pass now, e.g. after joining a workspace. */
export const SYNC_NOW_MESSAGE = 'guatu:sync';

export interface BackgroundDeps {
  browser: typeof wxtBrowser;
  db: GuatuDb;
  openSession(ws: JoinedWorkspace): Session;
  now(): number;
  /** Where the worker hears that the network is back (the service worker's global scope). */
  onlineEvents?: Pick<EventTarget, 'addEventListener'>;
  settleMs?: number;
}

/** Registers the alarm and the listeners; returns the (serialised) pass so a test can await it. */
export function startBackground(deps: BackgroundDeps): { pass: () => Promise<SyncPassReport> } {
  const { browser } = deps;
  const pass = serialisePasses(() =>
    runSyncPass({
      db: deps.db,
      openSession: deps.openSession,
      now: deps.now,
      badge: browser.action ?? browser.browserAction,
      notify: async (note) => {
        await browser.notifications.create(note.id, { type: 'basic', iconUrl: NOTIFICATION_ICON_URL, title: note.title, message: note.message });
      },
      ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    }),
  );

  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void pass();
  });
  deps.onlineEvents?.addEventListener('online', () => void pass());
  browser.runtime.onStartup.addListener(() => void pass());
  browser.runtime.onInstalled.addListener((details) => {
    // A fresh install has nothing to show yet: take the person straight to joining a workspace.
    if (details.reason === 'install') void openOptionsIfNothingJoined(deps);
    void pass();
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (typeof message === 'object' && message !== null && 'type' in message && message.type === SYNC_NOW_MESSAGE) void pass();
  });
  return { pass };
}

async function openOptionsIfNothingJoined(deps: BackgroundDeps): Promise<void> {
  if ((await deps.db.workspaces.count()) === 0) await deps.browser.runtime.openOptionsPage();
}
