import type { Logger } from '../log';
import type { AccountStore, RevocationRecord } from './account-store';
import type { Revoked } from './revocation';

export interface RevocationWatchOptions {
  store: Pick<AccountStore, 'revocationsAfter' | 'latestRevocationCursor'>;
  /** Called for every revocation stored after the watch started, by this process or another (the CLI). */
  onRevoked(revoked: Revoked, at: number): void;
  logger: Logger;
  /** How often to look; revocations written elsewhere take effect within this. */
  intervalMs?: number;
}

export interface RevocationWatch {
  start(): Promise<void>;
  /** Looks once now (tests call it instead of waiting for the timer). */
  poll(): Promise<number>;
  stop(): void;
}

const BATCH = 500;

/**
 * Picks up revocations written to the account store by another process (`npm run cli -- revoke` while the server
 * runs), so a revoked member's open connections close within seconds, not when their token expires.
 */
export function watchRevocations(options: RevocationWatchOptions): RevocationWatch {
  let cursor = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let polling: Promise<number> | null = null;

  async function pollOnce(): Promise<number> {
    let seen = 0;
    for (;;) {
      const batch = await options.store.revocationsAfter(cursor, BATCH);
      for (const record of batch) {
        cursor = record.cursor;
        seen++;
        try {
          options.onRevoked(toRevoked(record), record.at);
        } catch (error) {
          options.logger.error({ err: error }, 'closing revoked connections failed');
        }
      }
      if (batch.length < BATCH) return seen;
    }
  }

  const poll = (): Promise<number> => {
    // one look at a time: a slow store must not pile up overlapping reads
    polling ??= pollOnce().finally(() => {
      polling = null;
    });
    return polling;
  };

  return {
    async start() {
      cursor = await options.store.latestRevocationCursor();
      timer = setInterval(() => {
        poll().catch((error: unknown) => options.logger.error({ err: error }, 'reading revocations failed'));
      }, options.intervalMs ?? 2_000);
      timer.unref();
    },
    poll,
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}

function toRevoked(record: RevocationRecord): Revoked {
  return record.kind === 'member'
    ? { kind: 'member', workspaceId: record.workspaceId, memberId: record.subject }
    : { kind: 'token', workspaceId: record.workspaceId, tokenId: record.subject };
}
