import { browser } from 'wxt/browser';
import type { Session } from '../../client/session';
import { REFRESH_PROJECTION_MESSAGE, type RefreshProjectionMessage } from '../../client/worker-messages';
import type { CalendarDate } from '../../shared/schema/common';

/** Recomputes and stores the session's workspace checklist; resolves once it is stored (or could not be). */
export type ProjectionRefresher = (session: Session, asOf: CalendarDate) => Promise<unknown>;

/**
 * The background worker recomputes the checklist from the documents kept locally and stores it with Dexie, so the
 * popup never loads Dexie (nor the checklist arithmetic): it reads the stored rows with plain IndexedDB.
 */
export const refreshThroughWorker: ProjectionRefresher = (session) => {
  const message: RefreshProjectionMessage = { type: REFRESH_PROJECTION_MESSAGE, key: session.ws.key };
  return browser.runtime.sendMessage(message);
};
