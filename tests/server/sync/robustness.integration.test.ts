import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { KEEP_ALIVE_MESSAGE, SyncMessageType } from '../../../shared/protocol/messages';
import { MemoryStore } from './memory-store';
import { awarenessFrame, malformedFrames, validUpdateFrame } from './frames';
import { closedWith, metricValue, peersPresence, rawSocket, synced, waitFor, type TestClient, trackedServers } from './harness';

const { server, client, cleanups } = trackedServers(afterEach);

async function raw(url: string, room = 'project/p1', token = 'bad:member') {
  const socket = await rawSocket(url, room, token);
  cleanups.push(() => socket.ws.terminate());
  await waitFor(() => socket.received.length > 0, 'joined (server sync step 1)');
  return socket;
}

/** Both well-behaved clients still exchange an edit. */
async function stillSyncing(a: TestClient, b: TestClient, value: string): Promise<void> {
  a.doc.getMap('check').set('v', value);
  await waitFor(() => b.doc.getMap('check').get('v') === value, `b sees ${value}`);
}

describe('sync server: bad frames close only the sender', () => {
  it('an oversized frame gets 1009 and the other clients keep syncing', async () => {
    const { url, metrics } = await server({ limits: { maxPayloadBytes: 64 * 1024 } });
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    const big = await raw(url);
    big.ws.send(new Uint8Array(64 * 1024 + 1));
    expect(await closedWith(big)).toBe(CloseCode.messageTooBig);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'too-big' })).toBe(1);
    await stillSyncing(a, b, 'after 1009');
    expect([...a.closes, ...b.closes]).toEqual([]);
  });

  for (const [kind, frame] of Object.entries(malformedFrames)) {
    it(`${kind} → 4400, the document is untouched and others keep syncing`, async () => {
      const { url, store, metrics } = await server();
      const a = client(url, 'project/p1', 'wang:member');
      const b = client(url, 'project/p1', 'li:member');
      await Promise.all([synced(a), synced(b)]);
      a.doc.getMap('project').set('stage', '开工');
      await waitFor(() => b.doc.getMap('project').get('stage') === '开工', 'baseline');
      const bad = await raw(url);
      bad.ws.send(frame);
      expect(await closedWith(bad)).toBe(CloseCode.malformedMessage);
      expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'malformed' })).toBe(1);
      await stillSyncing(a, b, kind);
      expect((await store.history('project/p1')).every((row) => row.author !== 'bad')).toBe(true);
      expect(b.doc.getMap('project').get('stage')).toBe('开工');
      expect([...a.closes, ...b.closes]).toEqual([]);
    });
  }

  it('a text frame → 4400', async () => {
    const { url } = await server();
    const bad = await raw(url);
    bad.ws.send('hello');
    expect(await closedWith(bad)).toBe(CloseCode.malformedMessage);
  });

  it('too many messages per second → 4429, and the well-behaved client is unaffected', async () => {
    const { url, metrics } = await server({ limits: { messagesPerSecond: 10, messageBurst: 20 } });
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    const flood = await raw(url);
    for (let i = 0; i < 50; i++) flood.ws.send(awarenessFrame([]));
    expect(await closedWith(flood)).toBe(CloseCode.rateLimited);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'rate-limited' })).toBe(1);
    await stillSyncing(a, b, 'after flood');
  });

  it('too many bytes per second slows the sender (its socket is read later) instead of closing it: nothing is lost', async () => {
    const { url, metrics } = await server({ limits: { bytesPerSecond: 4000, byteBurst: 4000 } });
    const peer = client(url, 'project/p1', 'li:member');
    await synced(peer);
    const heavy = await raw(url);
    for (let i = 0; i < 10; i++) heavy.ws.send(validUpdateFrame(`note${i}`, 'x'.repeat(800)));
    await waitFor(() => peer.doc.getMap('project').size === 10, 'every frame to reach the peer', 10_000);
    expect(heavy.closed).toBeNull();
    expect(await metricValue(metrics, 'guatu_sync_paused_total')).toBeGreaterThanOrEqual(1);
  });

  it('an awareness update cannot change or remove another connection’s client', async () => {
    const { url } = await server();
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', '王');
    await waitFor(() => peersPresence(b).length === 1, 'b sees a');
    const spoofer = await raw(url);
    spoofer.ws.send(awarenessFrame([[a.doc.clientID, 999, 'null']]));
    spoofer.ws.send(awarenessFrame([[a.doc.clientID, 1000, '{"user":"冒充"}']]));
    a.doc.getMap('check').set('v', 1);
    await waitFor(() => b.doc.getMap('check').get('v') === 1, 'later edit arrives');
    expect(peersPresence(b)).toEqual([{ user: '王' }]);
  });
});

describe('sync server: decodable Yjs that throws half-way through applying', () => {
  // found by the fuzz: on top of this state, Y.applyUpdate inserts "XY" and then throws "Unexpected case"
  const baseState = Buffer.from('0102010028010770726f6a656374057374616765017706e5bc80e5b7a50401046e6f74650361626300', 'hex');
  const poison = Buffer.from('01020200c40101010202585904010770726f6a656374056f776e65720177017700', 'hex');

  it('closes only the sender with 4400; the partial change is neither kept, stored nor sent', async () => {
    const store = new MemoryStore();
    await store.append('project/p1', baseState, 'wang', 1);
    const { url, metrics } = await server({ store });
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    expect(a.doc.getText('note').toString()).toBe('abc');
    const bad = await raw(url);
    bad.ws.send(encodeSyncMessage(SyncMessageType.update, poison));
    expect(await closedWith(bad)).toBe(CloseCode.malformedMessage);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'malformed' })).toBe(1);
    await stillSyncing(a, b, 'after poison');
    const fresh = client(url, 'project/p1', 'zhao:leader');
    await synced(fresh);
    await waitFor(() => fresh.doc.getMap('check').get('v') === 'after poison', 'fresh sees the later edit');
    expect(fresh.doc.getText('note').toString()).toBe('abc');
    expect(fresh.doc.getMap('project').toJSON()).toEqual({ stage: '开工' });
    expect(b.doc.getText('note').toString()).toBe('abc');
    expect((await store.history('project/p1')).map((row) => row.author)).toEqual(['wang', 'wang']);
    expect([...a.closes, ...b.closes]).toEqual([]);
  });
});

describe('sync server: storage failure', () => {
  it('a failed append closes with 4500; the client reconnects and resends, and nothing is lost', async () => {
    const store = new MemoryStore();
    const { url, metrics } = await server({ store });
    const a = client(url, 'project/p1', 'wang:member');
    await synced(a);
    store.failAppends = true;
    a.doc.getMap('project').set('stage', '竣工');
    await waitFor(() => a.closes.length > 0, 'closed after failed append');
    expect(a.closes[0]?.code).toBe(CloseCode.serverError);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'storage' })).toBeGreaterThanOrEqual(1);
    store.failAppends = false;
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 1, 'stored after reconnect', 10_000);
    const b = client(url, 'project/p1', 'li:member');
    await waitFor(() => b.doc.getMap('project').get('stage') === '竣工', 'b sees it');
  });
});

describe('sync server: keep-alive', () => {
  it('a quiet connection receives a harmless message every interval, which the client answers with nothing', async () => {
    const { url } = await server({ limits: { keepAliveIntervalMs: 40 } });
    const a = client(url, 'project/p1', 'wang:member');
    await synced(a);
    const socket = await raw(url);
    let changes = 0;
    a.provider.awareness.on('change', () => changes++);
    const before = socket.received.length;
    await waitFor(() => socket.received.length >= before + 3, 'three keep-alives');
    const keepAlives = socket.received.slice(before);
    expect(keepAlives.every((frame) => frame.join(',') === KEEP_ALIVE_MESSAGE.join(','))).toBe(true);
    const last = a.provider.wsLastMessageReceived;
    await waitFor(() => a.provider.wsLastMessageReceived > last, 'client watchdog reset', 3_000);
    expect(changes).toBe(0);
    expect(socket.closed).toBeNull();
  });

  it('keep-alives flow while a slow document load holds back the first sync', async () => {
    const store = new MemoryStore();
    let openGate = (): void => {};
    store.loadGate = new Promise((resolve) => {
      openGate = resolve;
    });
    const { url } = await server({ store, limits: { keepAliveIntervalMs: 40 } });
    const socket = await rawSocket(url, 'project/big', 'wang:member');
    cleanups.push(() => socket.ws.terminate());
    await waitFor(() => socket.received.length >= 2, 'keep-alives before the load finished');
    expect(socket.received.every((frame) => frame.join(',') === KEEP_ALIVE_MESSAGE.join(','))).toBe(true);
    openGate();
    await waitFor(() => socket.received.some((frame) => frame[0] === 0 && frame[1] === 0), 'server sync step 1 after the load');
  });

  it('a socket that stops answering pings is dropped', async () => {
    const { url, server: sync } = await server({ limits: { keepAliveIntervalMs: 30 } });
    const socket = await rawSocket(url, 'project/p1', 'wang:member', { autoPong: false });
    await waitFor(() => sync.stats().connections === 1, 'connected');
    expect(await closedWith(socket)).toBe(1006);
    expect(sync.stats().connections).toBe(0);
  });
});
