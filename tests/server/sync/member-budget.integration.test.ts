/**
 * What one member can cost the server is bounded (issue #7 §2, SPEC §5): connections, documents brought into
 * existence per day, document size and entries, presence; and the keep-alive never takes the server's own delay
 * for dead peers.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { awarenessFrame } from './frames';
import { closedWith, metricValue, peersPresence, rawSocket, synced, waitFor, trackedServers } from './harness';

const { server, client, cleanups } = trackedServers(afterEach);

async function raw(url: string, room: string, token: string) {
  const socket = await rawSocket(url, room, token);
  cleanups.push(() => socket.ws.terminate());
  return socket;
}

/** One update frame setting `count` keys of `size` characters in the map `name`. */
function keysFrame(name: string, count: number, size: number, prefix = 'k'): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const map = doc.getMap(name);
    for (let i = 0; i < count; i++) map.set(`${prefix}${i}`, 'x'.repeat(size));
  });
  return encodeSyncMessage(SyncMessageType.update, Y.encodeStateAsUpdate(doc));
}

describe('per-member budgets', () => {
  it('a member holds at most maxConnectionsPerMember sockets (4429 beyond); another member is unaffected', async () => {
    const { url } = await server({ limits: { maxConnectionsPerMember: 3 } });
    const mine = await Promise.all([0, 1, 2].map((i) => raw(url, `project/p${i}`, 'wang:member')));
    const fourth = await raw(url, 'project/p9', 'wang:member');
    expect(await closedWith(fourth)).toBe(CloseCode.rateLimited);
    const other = client(url, 'project/p9', 'li:member');
    await synced(other);
    expect(mine.every((s) => s.closed === null)).toBe(true);
    // a closed socket gives its place back
    mine[0]!.ws.close();
    await waitFor(() => mine[0]!.closed !== null, 'the socket to close');
    const again = client(url, 'project/p9', 'wang:member');
    await synced(again);
  });

  it('documents a member brings into existence are limited per day (4429), and nothing of the refused one is kept', async () => {
    const { url, store } = await server({ limits: { maxCreatedDocumentsPerDay: 2 } });
    for (const id of ['new1', 'new2']) {
      const s = await raw(url, `project/${id}`, 'wang:member');
      s.ws.send(keysFrame('project', 1, 10));
      await waitFor(async () => (await store.load(`project/${id}`)) !== null, `${id} to be stored`);
    }
    const third = await raw(url, 'project/new3', 'wang:member');
    third.ws.send(keysFrame('project', 1, 10));
    expect(await closedWith(third)).toBe(CloseCode.rateLimited);
    expect(await store.load('project/new3')).toBeNull();
    // editing an existing document is not creating one
    const existing = client(url, 'project/new1', 'wang:member');
    await synced(existing);
    existing.doc.getMap('project').set('more', 'y');
    await waitFor(async () => {
      const state = await store.load('project/new1');
      const doc = new Y.Doc();
      if (state) Y.applyUpdate(doc, state);
      return doc.getMap('project').get('more') === 'y';
    }, 'the edit to an existing document to be stored');
    expect(existing.closes).toEqual([]);
  });

  it('a document cannot grow past maxEntriesPerType entries in one map (4413): nothing of it is sent or stored', async () => {
    const { url, store, metrics } = await server({ limits: { maxEntriesPerType: 1000 } });
    const peer = client(url, 'project/big', 'li:member');
    await synced(peer);
    const s = await raw(url, 'project/big', 'wang:member');
    s.ws.send(keysFrame('project', 1500, 4));
    expect(await closedWith(s)).toBe(CloseCode.documentTooLarge);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'too-large' })).toBe(1);
    expect(peer.doc.getMap('project').size).toBe(0);
    expect(await store.load('project/big')).toBeNull();
    // within the limit it is accepted
    const ok = await raw(url, 'project/big', 'wang:member');
    ok.ws.send(keysFrame('project', 900, 4, 'ok'));
    await waitFor(() => peer.doc.getMap('project').size === 900, 'the smaller update to reach the peer');
  });

  it('one update setting more keys than a map may hold is refused before it is applied (no reload), growth over several updates after', async () => {
    const { url, store, metrics } = await server({ limits: { maxEntriesPerType: 1000 } });
    const peer = client(url, 'project/big', 'li:member');
    await synced(peer);
    const loads = vi.spyOn(store, 'load');
    const s = await raw(url, 'project/big', 'wang:member');
    s.ws.send(keysFrame('project', 1500, 4));
    expect(await closedWith(s)).toBe(CloseCode.documentTooLarge);
    // refused from its decoded shape: the document was never touched, so nothing had to be reloaded from the store
    expect(loads).not.toHaveBeenCalled();
    // 900 then 200 more: the second only crosses the limit with what the document holds, found after applying it
    const first = await raw(url, 'project/big', 'wang:member');
    first.ws.send(keysFrame('project', 900, 4, 'a'));
    await waitFor(() => peer.doc.getMap('project').size === 900, 'the first 900 keys to reach the peer');
    const second = await raw(url, 'project/big', 'wang:member');
    second.ws.send(keysFrame('project', 200, 4, 'b'));
    expect(await closedWith(second)).toBe(CloseCode.documentTooLarge);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'too-large' })).toBe(2);
    expect(peer.doc.getMap('project').size).toBe(900);
  });

  it('a document cannot grow past maxDocumentBytes (4413)', async () => {
    const { url, store } = await server({ limits: { maxDocumentBytes: 64 * 1024 } });
    const s = await raw(url, 'project/heavy', 'wang:member');
    s.ws.send(keysFrame('project', 10, 10_000));
    expect(await closedWith(s)).toBe(CloseCode.documentTooLarge);
    expect(await store.load('project/heavy')).toBeNull();
  });
});

describe('presence is small and slow', () => {
  it('drops a presence state over maxPresenceStateBytes; small ones still reach listeners', async () => {
    const { url, metrics } = await server({ limits: { maxPresenceStateBytes: 256 } });
    const listener = client(url, 'project/p1', 'li:member');
    await synced(listener);
    const s = await raw(url, 'project/p1', 'wang:observer');
    s.ws.send(awarenessFrame([[101, 1, JSON.stringify({ user: 'x'.repeat(1000) })]]));
    s.ws.send(awarenessFrame([[102, 1, JSON.stringify({ user: '王' })]]));
    await waitFor(() => peersPresence(listener).length === 1, 'the small state to arrive');
    expect(peersPresence(listener)).toEqual([{ user: '王' }]);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'presence-too-big' })).toBe(1);
  });

  it('drops presence messages beyond the per-connection rate', async () => {
    const { url, metrics } = await server({ limits: { presenceMessagesPerSecond: 2 } });
    const s = await raw(url, 'project/p1', 'wang:member');
    for (let clock = 1; clock <= 20; clock++) s.ws.send(awarenessFrame([[7, clock, '{"n":1}']]));
    const listener = client(url, 'project/p1', 'li:member');
    await synced(listener);
    await waitFor(() => peersPresence(listener).length === 1, 'the first states to be known');
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'presence-rate' })).toBeGreaterThanOrEqual(10);
  });
});

describe('keep-alive', () => {
  it('a server busy for several keep-alive periods does not drop healthy sockets as dead', async () => {
    const { url, metrics } = await server({ limits: { keepAliveIntervalMs: 40 } });
    const a = client(url, 'project/p1', 'wang:member');
    await synced(a);
    // a round has run, so a ping is out (and its answer will wait behind the busy stretch)
    await waitFor(async () => (await metricValue(metrics, 'guatu_sync_keepalive_rounds_total')) >= 1, 'a keep-alive round');
    const rounds = await metricValue(metrics, 'guatu_sync_keepalive_rounds_total');
    // now the whole process is busy (a storm of joins, a big load) for ten periods
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // busy
    }
    const busyRounds = async () => (await metricValue(metrics, 'guatu_sync_keepalive_rounds_total')) - rounds;
    await waitFor(async () => (await busyRounds()) >= 4, 'four more keep-alive rounds');
    expect(await busyRounds()).toBeGreaterThanOrEqual(4);
    expect(await metricValue(metrics, 'guatu_sync_keepalive_late_total')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(metrics, 'guatu_sync_dead_sockets_total')).toBe(0);
    expect(a.closes).toEqual([]);
  });

  it('a peer that stops answering pings is still dropped', async () => {
    const { url, metrics } = await server({ limits: { keepAliveIntervalMs: 40 } });
    const s = await raw(url, 'project/p1', 'wang:member');
    // the socket stops reading: its pongs never come
    (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await waitFor(async () => (await metricValue(metrics, 'guatu_sync_dead_sockets_total')) === 1, 'the silent socket to be dropped');
    expect(await metricValue(metrics, 'guatu_sync_dead_sockets_total')).toBe(1);
  });
});
