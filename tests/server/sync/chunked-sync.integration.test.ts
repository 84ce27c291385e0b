import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chunkedWebSocket } from '../../../client/chunked-websocket';
import type { SyncLimits } from '../../../server/sync/config';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { trackedServers } from './harness';

const { server, client, cleanups } = trackedServers(afterEach);

const MiB = 2 ** 20;
const ROOM = 'project/offline-month';
const RECORDS = 4_096;
/** 3,900 random bytes in base64: 5,200 characters per record, 20.3 MiB in all. */
const RECORD_BYTES = 3_900;

/**
 * The server's own defaults, maxPayload 4 MiB above all: the point is that no frame may exceed it. The per-member
 * byte rate (2 MiB/s, 16 MiB burst) slows the upload by pausing the socket's reads; it is never refused for it.
 */
const LIMITS: Partial<SyncLimits> = {};

/** A month of offline work: many records of seeded random text, written while not connected. */
function offlineWork(seed: number): Y.Doc {
  const rng = prng.create(seed);
  const doc = new Y.Doc();
  const records = doc.getMap<string>('records');
  for (let i = 0; i < RECORDS; i++) {
    doc.transact(() => records.set(`r${i}`, Buffer.from(prng.uint8Array(rng, RECORD_BYTES)).toString('base64')));
  }
  return doc;
}

/** A provider over `ws` (as in Node tests), optionally chunking, not connected yet; closes are recorded. */
function offlineClient(url: string, doc: Y.Doc, chunked: boolean): { provider: WebsocketProvider; closes: number[] } {
  const Base = WebSocket as unknown as typeof globalThis.WebSocket;
  const provider = new WebsocketProvider(url, ROOM, doc, {
    connect: false,
    WebSocketPolyfill: chunked ? chunkedWebSocket(Base) : Base,
    params: { token: 'wang:member' },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  cleanups.push(() => provider.destroy());
  return { provider, closes };
}

const recordCount = (doc: Y.Doc): number => doc.getMap('records').size;

describe("offline work larger than the server's frame limit (issue #7)", () => {
  it('20 MiB across 4,096 records arrives whole through chunk frames: at another member and in the store', async () => {
    const { url, store } = await server({ limits: LIMITS });
    const doc = offlineWork(7);
    const expected = doc.getMap('records').toJSON();
    const stateBytes = Y.encodeStateAsUpdate(doc).length;
    expect(stateBytes).toBeGreaterThan(20 * MiB); // five times the 4 MiB a frame may have

    const other = client(url, ROOM, 'li:member');
    await vi.waitFor(() => expect(other.provider.synced).toBe(true));
    const { provider, closes } = offlineClient(url, doc, true);
    const started = performance.now();
    provider.connect();

    await vi.waitFor(() => expect(recordCount(other.doc)).toBe(RECORDS), { timeout: 60_000, interval: 20 });
    const seconds = (performance.now() - started) / 1000;
    expect(other.doc.getMap('records').toJSON()).toEqual(expected);
    await vi.waitFor(
      async () => {
        const stored = await store.load(ROOM);
        expect(stored).not.toBeNull();
        const loaded = new Y.Doc();
        Y.applyUpdate(loaded, stored ?? new Uint8Array(0));
        expect(recordCount(loaded)).toBe(RECORDS);
        expect(loaded.getMap('records').toJSON()).toEqual(expected);
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(closes).toEqual([]);
    console.log(`chunked sync: ${(stateBytes / MiB).toFixed(1)} MiB in ${RECORDS} records reached another member in ${seconds.toFixed(2)} s`);
  }, 120_000);

  it('the same work over a plain socket is closed with 1009 again and again, and nothing arrives', async () => {
    const { url, store } = await server({ limits: LIMITS });
    const doc = offlineWork(7);
    const other = client(url, ROOM, 'li:member');
    await vi.waitFor(() => expect(other.provider.synced).toBe(true));
    const { provider, closes } = offlineClient(url, doc, false);
    provider.connect();

    // the stock client retries at once after every 1009: the bug this issue is about
    await vi.waitFor(() => expect(closes.length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 20 });
    expect(new Set(closes)).toEqual(new Set([CloseCode.messageTooBig]));
    expect(recordCount(other.doc)).toBe(0);
    expect(await store.load(ROOM)).toBeNull();
  }, 60_000);
});
