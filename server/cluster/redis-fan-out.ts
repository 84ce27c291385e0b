/**
 * The fan-out on Redis Streams: one stream per workspace (every document of `ws/<id>…` shares it; a name outside the
 * workspaces has a stream of its own), entries `d` (document), `s` (seq), `u` (update bytes), `a` (author).
 *
 * Why per workspace and not per document: Redis answers a blocked XREAD with the one stream that woke it, so a
 * group-commit batch over k documents of per-document streams reached a follower in two replies (the second after
 * another round trip), and every XREAD named every followed document again — with thousands loaded per instance, a
 * command of hundreds of kilobytes after every reply. A batch is mostly one workspace's: one stream, published in
 * one MULTI (Redis serves a blocked XREAD after each command, so the entries must land together), one reply; the
 * XREAD names only the instance's workspaces.
 *
 * One connection publishes; a second one blocks in XREAD over the followed workspaces (woken with CLIENT UNBLOCK when
 * the set changes). The follower drops what it does not follow and any seq not above the last one it delivered of
 * that document (a publish repeated, or overtaken by another instance's), so delivery is once and in order per
 * document; what is missing shows as a gap and is filled from the store (cluster-link.ts). Streams keep the last
 * ~`retain` entries and expire about an hour after their last publish (the lifetime is set again at most every tenth
 * of it): they are a cache, PostgreSQL is the truth.
 */
import { RESP_TYPES, createClient } from 'redis';
import type { Logger } from '../log';
import type { CommittedUpdate } from '../sync/config';
import { fanOutGroup, type FanOut, type FanOutHandler } from './fan-out';

export interface RedisFanOutOptions {
  url: string;
  /** Prefix of every key (one deployment, or one test, per prefix). */
  prefix: string;
  onUpdates: FanOutHandler;
  logger: Logger;
  /** Entries kept per workspace stream (approximately). */
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

/** A followed workspace stream: where the reader is in it, and the followed documents with the last seq delivered. */
interface Group {
  key: string;
  /** The id of the last entry read; null until the stream's end at the follow is known. */
  cursor: string | null;
  docs: Map<string, number>;
  /** Resolves once the cursor is set: everything published from then on will be read. */
  ready: Promise<void>;
}

function asBytes(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : null;
}

/** Stream ids `<ms>-<n>` in order. */
function idAfter(a: string, b: string): boolean {
  const [am = 0n, an = 0n] = a.split('-').map((part) => BigInt(part));
  const [bm = 0n, bn = 0n] = b.split('-').map((part) => BigInt(part));
  return am > bm || (am === bm && an > bn);
}

const STREAM_ID = /^\d+-\d+$/;

export async function openRedisFanOut(options: RedisFanOutOptions): Promise<FanOut> {
  const { prefix, logger, retain = 2_000, ttlSeconds = 3_600 } = options;
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

  const keyPrefix = `${prefix}:group:`;
  const keyOf = (group: string) => `${keyPrefix}${group}`;
  /** Followed workspaces by stream key. */
  const groups = new Map<string, Group>();
  let closed = false;
  let readerId: number | null = null;
  let reading = false;
  let wake: (() => void) | null = null;
  /** Set when reading failed: the cursors are checked against the streams' ends before the next read. */
  let resync = false;

  const refreshMs = (ttlSeconds * 1_000) / 10;
  function expiring(keys: Iterable<string>): string[] {
    const now = Date.now();
    const due: string[] = [];
    for (const key of keys) {
      const at = expirySetAt.get(key);
      if (at !== undefined && now - at < refreshMs) continue;
      // bounded: forgetting only means setting a lifetime again
      if (expirySetAt.size >= EXPIRY_MEMORY) expirySetAt.clear();
      expirySetAt.set(key, now);
      due.push(key);
    }
    return due;
  }

  async function unblockReader(): Promise<void> {
    if (!reading || readerId === null) return;
    try {
      await writer.sendCommand(['CLIENT', 'UNBLOCK', String(readerId)]);
    } catch {
      // the reader picks the new set up when its block times out
    }
  }

  /** The id of a stream's last entry ('0-0' when it has none), or null when Redis did not answer. */
  async function lastId(key: string): Promise<string | null> {
    try {
      const last = await writer.sendCommand(['XREVRANGE', key, '+', '-', 'COUNT', '1']);
      const id = Array.isArray(last) && Array.isArray(last[0]) ? String(last[0][0]) : '';
      return STREAM_ID.test(id) ? id : '0-0';
    } catch {
      return null;
    }
  }

  /** The followed documents' new updates of a reply, advancing the cursors. */
  function take(reply: unknown): CommittedUpdate[] {
    const out: CommittedUpdate[] = [];
    if (!Array.isArray(reply)) return out;
    for (const stream of reply) {
      if (!Array.isArray(stream)) continue;
      const group = groups.get(String(stream[0]));
      if (!group) continue;
      for (const entry of Array.isArray(stream[1]) ? stream[1] : []) {
        if (!Array.isArray(entry)) continue;
        const id = String(entry[0]);
        if (!STREAM_ID.test(id)) continue;
        if (group.cursor === null || idAfter(id, group.cursor)) group.cursor = id;
        const fields: unknown[] = Array.isArray(entry[1]) ? entry[1] : [];
        let docName: string | null = null;
        let seq = Number.NaN;
        let update: Uint8Array | null = null;
        let author: string | null = null;
        for (let i = 0; i + 1 < fields.length; i += 2) {
          const field = String(fields[i]);
          if (field === 'd') docName = String(fields[i + 1]);
          else if (field === 's') seq = Number(String(fields[i + 1]));
          else if (field === 'u') update = asBytes(fields[i + 1]);
          else if (field === 'a') author = String(fields[i + 1]);
        }
        if (docName === null || update === null || !Number.isSafeInteger(seq) || seq <= 0) continue;
        const last = group.docs.get(docName);
        if (last === undefined || seq <= last) continue;
        group.docs.set(docName, seq);
        out.push({ docName, seq, update, ...(author !== null ? { author } : {}) });
      }
    }
    return out;
  }

  async function readLoop(): Promise<void> {
    while (!closed) {
      const readable = [...groups.values()].filter((g): g is Group & { cursor: string } => g.cursor !== null);
      if (readable.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      try {
        if (resync) {
          // after trouble Redis may be a new one (restarted empty, or a replica with an earlier clock): a cursor past a
          // stream's end would skip the entries it gets from now on
          for (const group of readable) {
            const end = await lastId(group.key);
            if (end === null) throw new Error('Redis did not answer');
            // a new stream is short: read it all (repeats are dropped by seq)
            if (idAfter(group.cursor, end)) group.cursor = '0-0';
          }
          resync = false;
        }
        readerId ??= Number(await reader.sendCommand(['CLIENT', 'ID']));
        const args = [
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(BLOCK_MS),
          'STREAMS',
          ...readable.map((g) => g.key),
          ...readable.map((g) => g.cursor),
        ];
        reading = true;
        const reply = await reader.sendCommand(args);
        reading = false;
        const updates = take(reply);
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
        resync = true;
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
      if (updates.length === 0) return;
      // one transaction: Redis serves a blocked XREAD after each command, so without it a follower would wake with the
      // batch's first entry and ask again for the rest; after EXEC it gets the whole batch in one reply
      const multi = writer.multi();
      const keys = new Set<string>();
      for (const { docName, seq, update, author } of updates) {
        const key = keyOf(fanOutGroup(docName));
        keys.add(key);
        multi.addCommand([
          'XADD',
          key,
          'MAXLEN',
          '~',
          String(retain),
          '*',
          'd',
          docName,
          's',
          String(seq),
          'u',
          Buffer.from(update.buffer, update.byteOffset, update.byteLength),
          // who it was stored under: the other instances bind its client ids to them (#13)
          ...(author !== undefined ? ['a', author] : []),
        ]);
      }
      for (const key of expiring(keys)) multi.addCommand(['EXPIRE', key, String(ttlSeconds)]);
      await multi.exec();
    },
    follow(docName, afterSeq) {
      const key = keyOf(fanOutGroup(docName));
      const known = groups.get(key);
      if (known) {
        known.docs.set(docName, Math.max(known.docs.get(docName) ?? 0, afterSeq));
        return known.ready;
      }
      const group: Group = { key, cursor: null, docs: new Map([[docName, afterSeq]]), ready: Promise.resolve() };
      // where the stream ends now: reading from there misses nothing published once this resolves (Redis away: read
      // whatever the stream holds when it is back; repeats are dropped by seq)
      group.ready = lastId(key).then((end) => {
        group.cursor ??= end ?? '0-0';
        wake?.();
        void unblockReader();
      });
      groups.set(key, group);
      return group.ready;
    },
    unfollow(docName) {
      const key = keyOf(fanOutGroup(docName));
      const group = groups.get(key);
      if (!group) return;
      group.docs.delete(docName);
      // the reader drops the stream at its next XREAD
      if (group.docs.size === 0) groups.delete(key);
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
