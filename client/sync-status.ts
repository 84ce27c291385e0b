import { CloseCode, CloseReason, reconnectPolicy } from '../shared/protocol/close-codes';

/**
 * How a document (or a whole host) stands with the server:
 * - online: connected and synced; edits go out at once;
 * - syncing: connected, the sync handshake not finished yet;
 * - offline: not connected (no network, server down, reconnecting); edits are kept locally;
 * - refused: the server closed with a code reconnecting cannot fix (4401 token, 4403 no access, 4409 revoked, other
 *   44xx), or refused what the client has to send twice in a row (1009 too big, 4429 over the reassembly budget: see
 *   isUnsendable); the client stops retrying and `closeCode` says why, `closeReason` (the close frame's text) which
 *   refusal of that code it was when the server names one (e.g. 4422 client-id-foreign: see CloseReason).
 * `unsynced` counts local edits not yet known to be on the server (see unsynced-counter.ts for the rule).
 */
export interface SyncStatus {
  state: 'online' | 'syncing' | 'offline' | 'refused';
  unsynced: number;
  closeCode?: number;
  closeReason?: string;
}

/** What `useSyncExternalStore` needs. */
export interface SyncStatusStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): SyncStatus;
}

export interface SyncStatusCell extends SyncStatusStore {
  set(next: SyncStatus): void;
}

function same(a: SyncStatus, b: SyncStatus): boolean {
  return a.state === b.state && a.unsynced === b.unsynced && a.closeCode === b.closeCode && a.closeReason === b.closeReason;
}

/** A status value that keeps its identity until it really changes (so React re-renders only then). */
export function createStatusCell(initial: SyncStatus): SyncStatusCell {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    getSnapshot: () => current,
    set(next) {
      if (same(current, next)) return;
      current = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** A closed connection's code says the client must stop retrying. */
export function isRefusal(code: number): boolean {
  return reconnectPolicy(code) === 'stop';
}

/**
 * The server refused what this client has to send, not the connection: 1009 (a frame, or the chunks of one, over the
 * server's limit) or 4429 with reason over-budget (more in reassembly than the member may have at once). Sending the
 * same work again is refused again, so the second such close in a row stops the client (see doc-host.ts).
 */
export function isUnsendable(code: number, reason: string): boolean {
  return reconnectPolicy(code) === 'reconnect-once' || (code === CloseCode.rateLimited && reason === CloseReason.overBudget);
}

/** Unsendable closes in a row after which the client stops retrying: one retry is cheap, a stream of them is not. */
export const UNSENDABLE_CLOSES_BEFORE_STOP = 2;

const RANK: Record<SyncStatus['state'], number> = { refused: 3, offline: 2, syncing: 1, online: 0 };

/**
 * The status of several documents as one: the worst state wins (refused > offline > syncing > online), unsynced edits
 * add up, and the first refusal's code (and reason) is kept. No documents at all reads as offline: nothing is connected.
 */
export function combineStatuses(statuses: readonly SyncStatus[]): SyncStatus {
  if (statuses.length === 0) return { state: 'offline', unsynced: 0 };
  let worst: SyncStatus = { state: 'online', unsynced: 0 };
  let unsynced = 0;
  for (const s of statuses) {
    unsynced += s.unsynced;
    if (RANK[s.state] > RANK[worst.state]) worst = s;
  }
  return {
    state: worst.state,
    unsynced,
    ...(worst.closeCode !== undefined ? { closeCode: worst.closeCode } : {}),
    ...(worst.closeReason !== undefined ? { closeReason: worst.closeReason } : {}),
  };
}

/** The refusal codes the UI explains in its own words; everything else is "refused (code N)". */
export const REFUSAL_MESSAGE = {
  [CloseCode.unauthenticated]: 'client.sync.refused.unauthenticated',
  [CloseCode.forbidden]: 'client.sync.refused.forbidden',
  [CloseCode.revoked]: 'client.sync.refused.revoked',
  [CloseCode.changeRefused]: 'sync.close.changeRefused',
  [CloseCode.documentTooLarge]: 'sync.close.documentTooLarge',
  // refused with these codes only after isUnsendable closes: the work is kept locally and cannot be sent as it is
  [CloseCode.messageTooBig]: 'sync.stopped.tooBig',
  [CloseCode.rateLimited]: 'sync.stopped.overBudget',
} as const;

/** Refusals the UI explains by their reason rather than their code (the same code covers other refusals). */
export const REFUSAL_REASON_MESSAGE = {
  [CloseReason.clientIdForeign]: 'sync.stopped.clientIdForeign',
  [CloseReason.clientIdsTooMany]: 'sync.stopped.clientIdsTooMany',
} as const;

/** The close frame's text when it names a refusal the pages explain in words of its own, else undefined. */
export function refusalReason(reason: string): keyof typeof REFUSAL_REASON_MESSAGE | undefined {
  return Object.hasOwn(REFUSAL_REASON_MESSAGE, reason) ? (reason as keyof typeof REFUSAL_REASON_MESSAGE) : undefined;
}
