/**
 * What pages ask the background worker (`browser.runtime.sendMessage`). Kept apart from the worker's wiring so a page
 * can name a message without loading what the worker runs.
 */

/** Run a sync pass now, e.g. after joining a workspace. */
export const SYNC_NOW_MESSAGE = 'guatu:sync';

/**
 * Recompute and store one workspace's checklist projection from the documents kept locally (the popup asks after an
 * edit, and when documents it holds change). The worker answers once it is stored: `true`, or `false` when it could not.
 */
export const REFRESH_PROJECTION_MESSAGE = 'guatu:refresh-projection';

export interface RefreshProjectionMessage {
  type: typeof REFRESH_PROJECTION_MESSAGE;
  /** The joined workspace's key. */
  key: string;
}

export function isRefreshProjectionMessage(message: unknown): message is RefreshProjectionMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    message.type === REFRESH_PROJECTION_MESSAGE &&
    'key' in message &&
    typeof message.key === 'string'
  );
}
