import type { browser as wxtBrowser } from 'wxt/browser';
import type { GuatuDb, JoinedWorkspace } from '../../client/db';
import type { Session } from '../../client/session';
import { isRefreshProjectionMessage, SYNC_NOW_MESSAGE } from '../../client/worker-messages';
import { NOTIFICATION_ICON_URL } from './notification-icon';
import { createProjectionRefresh } from './refresh-projection';
import { runSyncPass, serialisePasses, type SyncPassReport } from './sync-pass';

/** The periodic sync pass (SPEC §4): every 15 minutes, and whenever the network comes back. */
export const SYNC_ALARM = 'guatu-sync';
export const SYNC_PERIOD_MINUTES = 15;
export { SYNC_NOW_MESSAGE };

export interface BackgroundDeps {
  browser: typeof wxtBrowser;
  db: GuatuDb;
  openSession(ws: JoinedWorkspace): Session;
  /** A session over the local documents only, for a page's projection refresh (default: openSession). */
  openLocalSession?(ws: JoinedWorkspace): Session;
  now(): number;
  /** Where the worker hears that the network is back (the service worker's global scope). */
  onlineEvents?: Pick<EventTarget, 'addEventListener'>;
  settleMs?: number;
}

/**
 * Registers the alarm and the listeners; returns the (serialised) pass and the projection refresh so a test can await
 * them.
 */
export function startBackground(deps: BackgroundDeps): { pass: () => Promise<SyncPassReport>; refresh: (key: string) => Promise<boolean> } {
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
  const refresh = createProjectionRefresh({ db: deps.db, openSession: deps.openLocalSession ?? deps.openSession, now: deps.now });
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: boolean) => void) => {
    if (typeof message === 'object' && message !== null && 'type' in message && message.type === SYNC_NOW_MESSAGE) void pass();
    if (isRefreshProjectionMessage(message)) {
      // The page waits for the answer (it folds its next requests into one), so the channel stays open until then.
      void refresh(message.key).then(sendResponse, () => sendResponse(false));
      return true;
    }
    return undefined;
  });
  return { pass, refresh };
}

async function openOptionsIfNothingJoined(deps: BackgroundDeps): Promise<void> {
  if ((await deps.db.workspaces.count()) === 0) await deps.browser.runtime.openOptionsPage();
}
