import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { createDocHost, type DocHost, type SyncStatus, type SyncStatusStore } from '../../client/doc-host';
import { CloseCode } from '../../shared/protocol/close-codes';
import { WS } from './helpers';

/** A server that closes every connection with one code, counting the attempts. */
async function closingServer(code: number): Promise<{ url: string; attempts: () => number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  let attempts = 0;
  wss.on('connection', (socket) => {
    attempts++;
    socket.close(code, 'test');
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, attempts: () => attempts, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Every status the store takes, in order. */
function record(store: SyncStatusStore): SyncStatus[] {
  const seen = [store.getSnapshot()];
  cleanups.push(store.subscribe(() => seen.push(store.getSnapshot())));
  return seen;
}

function host(url: string, rateLimitPauseMs = 60_000): DocHost {
  const h = createDocHost({
    serverUrl: url,
    token: 't',
    scope: `${url}|w1`,
    persistence: false,
    relay: false,
    WebSocketPolyfill: WS,
    rateLimitPauseMs,
    maxBackoffTime: 100,
  });
  cleanups.push(() => h.destroy());
  return h;
}

describe('how the doc host reads close codes', () => {
  it('revoked (4409): refused with the code, so the page can say access was withdrawn', async () => {
    const server = await closingServer(CloseCode.revoked);
    cleanups.push(server.close);
    const doc = host(server.url).open('ws/w1');
    await vi.waitFor(() => expect(doc.status.getSnapshot().state === 'refused', 'refusal').toBe(true), { timeout: 5_000 });
    expect(doc.status.getSnapshot()).toEqual({ state: 'refused', unsynced: 0, closeCode: CloseCode.revoked });
  });

  it('rate limited (4429): offline with the code, and back after the pause rather than never', async () => {
    const server = await closingServer(CloseCode.rateLimited);
    cleanups.push(server.close);
    const doc = host(server.url, 30).open('ws/w1');
    const seen = record(doc.status);
    await vi.waitFor(() => expect(server.attempts() >= 2, 'a second attempt after the pause').toBe(true), { timeout: 5_000 });
    expect(seen).toContainEqual({ state: 'offline', unsynced: 0, closeCode: CloseCode.rateLimited });
    expect(seen.map((s) => s.state)).not.toContain('refused');
  });

  it('a server restarting (1001): offline, and it keeps trying', async () => {
    const server = await closingServer(CloseCode.goingAway);
    cleanups.push(server.close);
    const doc = host(server.url).open('ws/w1');
    const seen = record(doc.status);
    await vi.waitFor(() => expect(server.attempts() >= 3, 'retries').toBe(true), { timeout: 5_000 });
    expect(seen).toContainEqual({ state: 'offline', unsynced: 0, closeCode: CloseCode.goingAway });
    expect(seen.map((s) => s.state)).not.toContain('refused');
  });

  it('connect() after a refusal tries again (a new token, a restored right)', async () => {
    const server = await closingServer(CloseCode.unauthenticated);
    cleanups.push(server.close);
    const h = host(server.url);
    const doc = h.open('ws/w1');
    await vi.waitFor(() => expect(doc.status.getSnapshot().state === 'refused', 'refusal').toBe(true), { timeout: 5_000 });
    const before = server.attempts();
    h.connect();
    await vi.waitFor(() => expect(server.attempts() > before, 'another attempt').toBe(true), { timeout: 5_000 });
  });
});
