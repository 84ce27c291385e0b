/**
 * The fan-out on Redis Streams: one stream per document, entry id `<seq>-0`, so a stream is ordered by the document's
 * seq and a repeated or overtaken publish is refused by Redis itself. One connection publishes; a second one blocks
 * in XREAD over every followed document (woken with CLIENT UNBLOCK when the set changes). Streams keep the last
 * ~1000 entries and expire about an hour after their last publish (the lifetime is set again at most every tenth of
 * it): they are a cache, PostgreSQL is the truth.
 */
import { RESP_TYPES, createClient } from 'redis';
import type { Logger } from '../log';
import type { CommittedUpdate } from '../sync/config';
import type { FanOut, FanOutHandler } from './fan-out';

export interface RedisFanOutOptions {
  url: string;
  /** Prefix of every key (one deployment, or one test, per prefix). */
  prefix: string;
  onUpdates: FanOutHandler;
  logger: Logger;
  /** Entries kept per document stream (approximately). */
  retain?: number;
  /** Seconds a stream lives after its last publish. */
  ttlSeconds?: number;
}

// a follow racing the UNBLOCK waits at most this long; the cluster link's head check covers it meanwhile
const BLOCK_MS = 2_000;
const READ_COUNT = 500;
const RETRY_MS = 500;
/** Streams whose lifetime this instance remembers setting. */
const EXPIRY_MEMORY = 10_000;

function isStaleId(error: unknown): boolean {
  return error instanceof Error && error.message.includes('equal or smaller than the target stream top item');
}

function asBytes(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : null;
}

export async function openRedisFanOut(options: RedisFanOutOptions): Promise<FanOut> {
  const { prefix, logger, retain = 1_000, ttlSeconds = 3_600 } = options;
  const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 2_000);
  // no offline queue: while Redis is down a publish fails at once instead of piling up in memory
  const writer = createClient({ url: options.url, RESP: 2, disableOfflineQueue: true, socket: { reconnectStrategy } });
  const reader = writer.duplicate().withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  let lastError = '';
  const onError = (which: string) => (error: Error) => {
    // node-redis reconnects by itself; log each new trouble once rather than every retry
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ err: error.message, connection: which }, 'Redis connection trouble; fan-out waits for it (the store still has everything)');
  };
  /** When this instance last set each stream's lifetime: at most once a tenth of it, not with every publish. */
  const expirySetAt = new Map<string, number>();
  writer.on('error', onError('publish'));
  reader.on('error', onError('follow'));
  writer.on('ready', () => {
    lastError = '';
    // a Redis that restarted empty lost every lifetime: set each again with its stream's next publish
    expirySetAt.clear();
  });
  await writer.connect();
  await reader.connect();

  const keyPrefix = `${prefix}:doc:`;
  const keyOf = (docName: string) => `${keyPrefix}${docName}`;
  /** Followed documents and the last seq delivered of each. */
  const cursors = new Map<string, number>();
  let closed = false;
  let readerId: number | null = null;
  let reading = false;
  let wake: (() => void) | null = null;

  const refreshMs = (ttlSeconds * 1_000) / 10;
  function expiring(updates: readonly CommittedUpdate[]): string[] {
    const now = Date.now();
    const keys: string[] = [];
    for (const key of new Set(updates.map((u) => keyOf(u.docName)))) {
      const at = expirySetAt.get(key);
      if (at !== undefined && now - at < refreshMs) continue;
      // bounded: forgetting only means setting a lifetime again
      if (expirySetAt.size >= EXPIRY_MEMORY) expirySetAt.clear();
      expirySetAt.set(key, now);
      keys.push(key);
    }
    return keys;
  }

  async function unblockReader(): Promise<void> {
    if (!reading || readerId === null) return;
    try {
      await writer.sendCommand(['CLIENT', 'UNBLOCK', String(readerId)]);
    } catch {
      // the reader picks the new set up when its block times out
    }
  }

  function parse(reply: unknown): CommittedUpdate[] {
    const out: CommittedUpdate[] = [];
    if (!Array.isArray(reply)) return out;
    for (const stream of reply) {
      if (!Array.isArray(stream)) continue;
      const key = String(stream[0]);
      if (!key.startsWith(keyPrefix)) continue;
      const docName = key.slice(keyPrefix.length);
      for (const entry of Array.isArray(stream[1]) ? stream[1] : []) {
        if (!Array.isArray(entry)) continue;
        const seq = Number.parseInt(String(entry[0]), 10);
        const fields: unknown[] = Array.isArray(entry[1]) ? entry[1] : [];
        let update: Uint8Array | null = null;
        let author: string | null = null;
        for (let i = 0; i + 1 < fields.length; i += 2) {
          if (String(fields[i]) === 'u') update = asBytes(fields[i + 1]);
          else if (String(fields[i]) === 'a') author = String(fields[i + 1]);
        }
        if (Number.isSafeInteger(seq) && seq > 0 && update) out.push({ docName, seq, update, ...(author !== null ? { author } : {}) });
      }
    }
    return out;
  }

  async function readLoop(): Promise<void> {
    while (!closed) {
      if (cursors.size === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      try {
        readerId ??= Number(await reader.sendCommand(['CLIENT', 'ID']));
        const names = [...cursors.keys()];
        const args = [
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(BLOCK_MS),
          'STREAMS',
          ...names.map(keyOf),
          ...names.map((n) => `${cursors.get(n) ?? 0}-0`),
        ];
        reading = true;
        const reply = await reader.sendCommand(args);
        reading = false;
        const updates = parse(reply).filter((u) => {
          const cursor = cursors.get(u.docName);
          if (cursor === undefined || u.seq <= cursor) return false;
          cursors.set(u.docName, u.seq);
          return true;
        });
        if (updates.length > 0) {
          try {
            options.onUpdates(updates);
          } catch (error) {
            logger.error({ err: error }, 'applying updates from other instances failed');
          }
        }
      } catch (error) {
        reading = false;
        readerId = null;
        if (closed) return;
        logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'fan-out read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
  const loop = readLoop();

  return {
    async publish(updates) {
      if (closed) throw new Error('the fan-out is closed');
      const sends = updates.map(async ({ docName, seq, update, author }) => {
        const key = keyOf(docName);
        try {
          await writer.sendCommand([
            'XADD',
            key,
            'MAXLEN',
            '~',
            String(retain),
            `${seq}-0`,
            'u',
            Buffer.from(update.buffer, update.byteOffset, update.byteLength),
            // who it was stored under: the other instances bind its client ids to them (#13)
            ...(author !== undefined ? ['a', author] : []),
          ]);
        } catch (error) {
          if (isStaleId(error)) return;
          throw error;
        }
      });
      const results = await Promise.allSettled([...sends, ...expiring(updates).map((key) => writer.sendCommand(['EXPIRE', key, String(ttlSeconds)]))]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    },
    follow(docName, afterSeq) {
      const known = cursors.get(docName);
      cursors.set(docName, Math.max(known ?? 0, afterSeq));
      if (known === undefined) {
        wake?.();
        void unblockReader();
      }
    },
    unfollow(docName) {
      cursors.delete(docName);
    },
    async close() {
      if (closed) return;
      closed = true;
      wake?.();
      await unblockReader();
      await loop.catch(() => undefined);
      await Promise.allSettled([reader.quit(), writer.quit()]);
    },
  };
}
