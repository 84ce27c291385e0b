import 'fake-indexeddb/auto';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { syncStatusText } from '../../components/common/sync-status-badge';
import { createDocHost, type DocHost, type SyncStatus, type SyncStatusStore } from '../../client/doc-host';
import { pageMessages } from '../../shared/i18n/extension-pages';
import { CloseCode, CloseReason } from '../../shared/protocol/close-codes';
import { decodeClientMessage } from '../../shared/protocol/decode-message';
import { encodeSyncMessage } from '../../shared/protocol/encode-message';
import { CHUNK_BYTES, MessageType, SyncMessageType } from '../../shared/protocol/messages';
import { WS } from './helpers';

interface TestServer {
  url: string;
  /** Connections per document name (the path without its query). */
  attempts(doc: string): number;
  frames: Uint8Array[];
  close(): Promise<void>;
}

/**
 * A server that answers the n-th connection (over all documents) with `behaviour(n)`: close with a code and reason,
 * or (null) accept and ask for everything the client has (sync step 1 of an empty document).
 */
async function testServer(behaviour: (n: number) => { code: number; reason: string } | null): Promise<TestServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const perDoc = new Map<string, number>();
  const frames: Uint8Array[] = [];
  let n = 0;
  wss.on('connection', (socket, req) => {
    const doc = (req.url ?? '').split('?')[0] ?? '';
    perDoc.set(doc, (perDoc.get(doc) ?? 0) + 1);
    const close = behaviour(n++);
    if (close !== null) return socket.close(close.code, close.reason);
    socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    socket.send(encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc())));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    attempts: (doc) => perDoc.get(`/${doc}`) ?? 0,
    frames,
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(behaviour: Parameters<typeof testServer>[0]): Promise<TestServer> {
  const server = await testServer(behaviour);
  cleanups.push(server.close);
  return server;
}

function host(url: string, options: { connect?: boolean } = {}): DocHost {
  const h = createDocHost({
    serverUrl: url,
    token: 't',
    scope: `${url}|w1`,
    persistence: false,
    relay: false,
    WebSocketPolyfill: WS,
    rateLimitPauseMs: 30,
    maxBackoffTime: 50,
    ...options,
  });
  cleanups.push(() => h.destroy());
  return h;
}

/** Every status the store takes, in order. */
function record(store: SyncStatusStore): SyncStatus[] {
  const seen = [store.getSnapshot()];
  cleanups.push(store.subscribe(() => seen.push(store.getSnapshot())));
  return seen;
}

const tooBig = { code: CloseCode.messageTooBig, reason: CloseReason.tooBig };
const overBudget = { code: CloseCode.rateLimited, reason: CloseReason.overBudget };

describe('work the server refuses to take (1009 too big, 4429 over budget)', () => {
  it('1009: one retry, then refused with the code, and no more attempts', async () => {
    const server = await serve(() => tooBig);
    const h = host(server.url);
    const doc = h.open('ws/big');
    const seen = record(doc.status);
    await vi.waitFor(() => expect(doc.status.getSnapshot()).toEqual({ state: 'refused', unsynced: 0, closeCode: CloseCode.messageTooBig }));
    expect(seen).toContainEqual({ state: 'offline', unsynced: 0, closeCode: CloseCode.messageTooBig }); // the first close: retrying
    expect(server.attempts('ws/big')).toBe(2);
    // a second document refused the same way takes at least one backoff of the first: had the first retried, it would show
    const other = h.open('ws/other');
    await vi.waitFor(() => expect(other.status.getSnapshot().state).toBe('refused'));
    expect(server.attempts('ws/big')).toBe(2);
  });

  it('4429 over budget: a pause and one retry, then refused with the code', async () => {
    const server = await serve(() => overBudget);
    const doc = host(server.url).open('ws/big');
    const seen = record(doc.status);
    await vi.waitFor(() => expect(doc.status.getSnapshot()).toEqual({ state: 'refused', unsynced: 0, closeCode: CloseCode.rateLimited }));
    expect(seen).toContainEqual({ state: 'offline', unsynced: 0, closeCode: CloseCode.rateLimited });
    expect(server.attempts('ws/big')).toBe(2);
  });

  it('a plain rate limit (4429 without over-budget) is never a refusal: it keeps coming back after the pause', async () => {
    const server = await serve(() => ({ code: CloseCode.rateLimited, reason: 'rate-limited' }));
    const doc = host(server.url).open('ws/busy');
    const seen = record(doc.status);
    await vi.waitFor(() => expect(server.attempts('ws/busy')).toBeGreaterThanOrEqual(4));
    expect(seen.map((s) => s.state)).not.toContain('refused');
  });

  it('only closes in a row count: 1009, another close, 1009 keeps trying; the next 1009 stops', async () => {
    const script = [tooBig, { code: CloseCode.goingAway, reason: '' }, tooBig, tooBig];
    const server = await serve((n) => script[n] ?? tooBig);
    const doc = host(server.url).open('ws/big');
    await vi.waitFor(() => expect(doc.status.getSnapshot().state).toBe('refused'));
    expect(server.attempts('ws/big')).toBe(4);
  });

  it('connect() after the refusal tries again (the user asks; the server may have been changed)', async () => {
    const server = await serve(() => tooBig);
    const h = host(server.url);
    const doc = h.open('ws/big');
    await vi.waitFor(() => expect(doc.status.getSnapshot().state).toBe('refused'));
    h.connect();
    await vi.waitFor(() => expect(server.attempts('ws/big')).toBe(4));
    await vi.waitFor(() => expect(doc.status.getSnapshot().state).toBe('refused'));
  });

  it('the popup says it in plain words, Chinese and English, not as a code', () => {
    const say = (locale: 'zh-CN' | 'en') => (key: Parameters<typeof pageMessages.t>[1], params?: Record<string, string | number>) =>
      pageMessages.t(locale, key, params);
    for (const closeCode of [CloseCode.messageTooBig, CloseCode.rateLimited]) {
      const status = { state: 'refused' as const, unsynced: 3, closeCode };
      const zh = syncStatusText(status, say('zh-CN'));
      const en = syncStatusText(status, say('en'));
      expect(zh).toMatch(/^已停止同步：.*保存在本机/);
      expect(en).toMatch(/^Sync stopped: .*saved on this computer/);
      expect(`${zh} ${en}`).not.toContain(String(closeCode));
    }
  });
});

describe('the doc host sends large frames in chunks', () => {
  it('offline work over the chunk size reaches the server as chunk frames no larger than a chunk', async () => {
    const server = await serve(() => null);
    const h = host(server.url, { connect: false });
    const doc = h.open('ws/offline');
    const rng = prng.create(5);
    const records = doc.doc.getMap<string>('records');
    for (let i = 0; i < 40; i++) records.set(`r${i}`, Buffer.from(prng.uint8Array(rng, 30_000)).toString('base64'));
    const state = Y.encodeStateAsUpdate(doc.doc).length;
    expect(state).toBeGreaterThan(2 * CHUNK_BYTES);
    h.connect();
    const chunks = (): Uint8Array[] => server.frames.filter((f) => f[0] === MessageType.chunk);
    await vi.waitFor(() => {
      const last = chunks().at(-1);
      const decoded = last && decodeClientMessage(last);
      expect(decoded?.ok && decoded.message.type === 'chunk' && decoded.message.index === decoded.message.count - 1).toBe(true);
    });
    // one transfer whose pieces add up to the declared frame, which is the whole state (the answer to step 1)
    const pieces = chunks().map((f) => {
      const decoded = decodeClientMessage(f);
      if (!decoded.ok || decoded.message.type !== 'chunk') throw new Error('not a chunk');
      return decoded.message;
    });
    expect(new Set(pieces.map((p) => p.transferId))).toEqual(new Set([0]));
    expect(pieces.map((p) => p.index)).toEqual(pieces.map((_, i) => i));
    expect(pieces.reduce((n, p) => n + p.piece.length, 0)).toBe(pieces[0]?.totalBytes);
    expect(pieces[0]?.totalBytes).toBeGreaterThan(state);
    expect(Math.max(...chunks().map((f) => f.length))).toBeLessThan(CHUNK_BYTES + 32);
    expect(Math.max(...server.frames.filter((f) => f[0] !== MessageType.chunk).map((f) => f.length))).toBeLessThanOrEqual(CHUNK_BYTES);
  });
});
