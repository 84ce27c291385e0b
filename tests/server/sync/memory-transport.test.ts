import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes';
import type { RightsPolicy } from '../../../server/sync/config';
import { metricValue } from './harness';
import { MemoryDocClient, memoryServer, type MemoryServer } from './memory-server';
import { MemorySocketPair } from './memory-socket';

const DOC = 'ws1/project/p1';

/** Members write everything but the owner, which only the office assigns; observers read. */
const ownerIsTheOffices: RightsPolicy = {
  governingDocument: () => null,
  rightsMayChange: () => false,
  evaluate: (principal) => ({ read: true, write: principal.role !== 'observer' }),
  vet: (principal, _docName, change) => (principal.role !== 'admin' && change.keys.some((k) => k.key === 'owner') ? 'only the office assigns an owner' : null),
};

describe('memory socket pair', () => {
  it('delivers nothing until flushed, then both directions in order', () => {
    const pair = new MemorySocketPair();
    const heard: string[] = [];
    pair.server.listen({
      message: (bytes) => heard.push(new TextDecoder().decode(bytes)),
      pong: () => heard.push('pong'),
      error: () => heard.push('error'),
      close: () => heard.push('close'),
    });
    pair.client.send(new TextEncoder().encode('one'));
    pair.client.send(new TextEncoder().encode('two'));
    pair.server.send(Uint8Array.of(7));
    expect(heard).toEqual([]);
    expect(pair.client.received).toEqual([]);
    expect(pair.server.bufferedAmount).toBe(1);

    expect(pair.flush()).toBe(3);
    expect(heard).toEqual(['one', 'two']);
    expect(pair.client.received).toEqual([Uint8Array.of(7)]);
    expect(pair.server.bufferedAmount).toBe(0);
  });

  it('answers pings unless the peer is dead, and holds frames while the server is paused', () => {
    const pair = new MemorySocketPair();
    const heard: string[] = [];
    pair.server.listen({ message: () => heard.push('message'), pong: () => heard.push('pong'), error: () => undefined, close: () => undefined });
    pair.server.ping();
    pair.flush();
    expect(heard).toEqual(['pong']);

    pair.server.pause();
    pair.client.send(Uint8Array.of(1));
    pair.flush();
    expect(heard).toEqual(['pong']);
    pair.server.resume();
    pair.flush();
    expect(heard).toEqual(['pong', 'message']);

    pair.client.answersPings = false;
    pair.server.ping();
    pair.flush();
    expect(heard).toEqual(['pong', 'message']);
    expect(pair.client.pings).toBe(2);
  });

  it('closes with a handshake: the client sees the code, the server its close event, and nothing more is sent', () => {
    const pair = new MemorySocketPair();
    let closes = 0;
    pair.server.listen({ message: () => undefined, pong: () => undefined, error: () => undefined, close: () => closes++ });
    pair.server.close(4422, 'write-rule');
    expect(pair.server.state).toBe('closing');
    pair.server.send(Uint8Array.of(1));
    pair.flush();
    expect(pair.client.closed).toEqual({ code: 4422, reason: 'write-rule' });
    expect(pair.client.received).toEqual([]);
    expect(pair.server.state).toBe('closed');
    expect(closes).toBe(1);
  });

  it('a terminated socket loses what was queued; the client sees 1006 and the server one close event at the next flush', () => {
    const pair = new MemorySocketPair();
    let closes = 0;
    pair.server.listen({ message: () => undefined, pong: () => undefined, error: () => undefined, close: () => closes++ });
    pair.server.send(Uint8Array.of(1));
    pair.server.terminate();
    expect(pair.server.state).toBe('closed');
    expect(pair.client.closed).toBeNull();
    pair.flush();
    expect(pair.client.received).toEqual([]);
    expect(pair.client.closed).toEqual({ code: 1006, reason: '' });
    expect(closes).toBe(1);
  });
});

describe('sync server over memory sockets', () => {
  let running: MemoryServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  async function twoMembers(options: Parameters<typeof memoryServer>[0] = {}) {
    running = memoryServer(options);
    const alice = new MemoryDocClient(running.connect(DOC, 'alice:member'));
    const bob = new MemoryDocClient(running.connect(DOC, 'bob:member'));
    await running.settle();
    return { server: running, alice, bob };
  }

  it("one member's first update reaches the other once stored, later ones when the sockets are flushed; all are stored", async () => {
    const { server, alice, bob } = await twoMembers();
    alice.doc.getMap('project').set('stage', 'started');
    expect(bob.map()).toEqual({});
    // the first items under alice's client id bind it to her: sent on only once stored (issue #13)
    server.flush();
    expect(bob.map()).toEqual({});
    await server.settle();
    expect(bob.map()).toEqual({ stage: 'started' });

    alice.doc.getMap('project').set('investmentWan', 800);
    expect(bob.map()).toEqual({ stage: 'started' });
    server.flush();
    expect(bob.map()).toEqual({ stage: 'started', investmentWan: 800 });
    await server.settle();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await server.store.load(DOC)) ?? new Uint8Array());
    expect(stored.getMap('project').toJSON()).toEqual({ stage: 'started', investmentWan: 800 });
  });

  it('a refused change closes its sender with 4422, never reaches the other member and is not stored', async () => {
    const { server, alice, bob } = await twoMembers({ rights: ownerIsTheOffices });
    alice.doc.getMap('project').set('stage', 'started');
    await server.settle();
    alice.doc.getMap('project').set('owner', 'alice');
    await server.settle();

    expect(alice.socket.closed).toEqual({ code: CloseCode.changeRefused, reason: 'write-rule' });
    expect(bob.map()).toEqual({ stage: 'started' });
    expect(bob.socket.closed).toBeNull();
    expect((await server.store.history(DOC)).length).toBe(1);
    expect(await metricValue(server.metrics, 'guatu_sync_rejected_total', { reason: 'write-rule' })).toBe(1);
  });

  it("a read-only connection's write is dropped and counted; the connection stays open", async () => {
    running = memoryServer();
    const observer = new MemoryDocClient(running.connect(DOC, 'olga:observer'));
    const member = new MemoryDocClient(running.connect(DOC, 'bob:member'));
    await running.settle();
    observer.doc.getMap('project').set('stage', 'cancelled');
    await running.settle();

    expect(member.map()).toEqual({});
    expect(await running.store.history(DOC)).toEqual([]);
    expect(await metricValue(running.metrics, 'guatu_sync_rejected_total', { reason: 'read-only-write' })).toBe(1);
    expect(observer.socket.closed).toBeNull();
    member.doc.getMap('project').set('name', '城东污水处理厂');
    await running.settle();
    expect(observer.map().name).toBe('城东污水处理厂');
  });

  it('a failed store closes the document with 4500; its clients reconnect, resend, and the edit is stored under its author', async () => {
    const { server, alice, bob } = await twoMembers();
    server.store.failAppends = true;
    alice.doc.getMap('project').set('stage', 'started');
    await server.settle();
    expect(alice.socket.closed?.code).toBe(CloseCode.serverError);
    expect(bob.socket.closed?.code).toBe(CloseCode.serverError);
    expect(await metricValue(server.metrics, 'guatu_sync_rejected_total', { reason: 'storage' })).toBe(1);

    server.store.failAppends = false;
    const again = new MemoryDocClient(server.connect(DOC, 'alice:member'), alice.doc);
    const bobAgain = new MemoryDocClient(server.connect(DOC, 'bob:member'));
    await server.settle();
    expect((await server.store.history(DOC)).map((r) => r.author)).toEqual(['alice']);
    expect(bobAgain.map()).toEqual({ stage: 'started' });
    expect(again.socket.closed).toBeNull();
  });

  it('a client that does not read is closed once more than the server buffers for it is waiting', async () => {
    const { server, alice, bob } = await twoMembers({ limits: { maxQueuedBytes: 64 * 1024 } });
    // alice's client id is bound (her first edit stored) so her edits go out before they are stored
    alice.doc.getMap('project').set('stage', 'started');
    await server.settle();
    // bob reads nothing: what the server sends him piles up in his socket until the next flush
    for (let i = 0; i < 40; i++) {
      alice.doc.getMap('project').set(`note${i}`, 'x'.repeat(4 * 1024));
      alice.socket.flush();
    }
    server.flush();
    expect(bob.socket.closed?.code).toBe(CloseCode.backpressure);
    expect(alice.socket.closed).toBeNull();
  });
});
