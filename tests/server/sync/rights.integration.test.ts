import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { closedWith, metricValue, rawSocket, synced, waitFor, type TestServer, trackedServers } from './harness';
import { validUpdateFrame } from './frames';

const { server, client, cleanups } = trackedServers(afterEach);

async function closeCodeFor(url: string, room: string, token: string | null): Promise<number> {
  const raw = await rawSocket(url, room, token);
  cleanups.push(() => raw.ws.terminate());
  return closedWith(raw);
}

describe('sync server: who may connect', () => {
  it('closes with 4401 for a missing, forged or expired token, after accepting the upgrade', async () => {
    const { url, metrics } = await server();
    expect(await closeCodeFor(url, 'project/p1', null)).toBe(CloseCode.unauthenticated);
    expect(await closeCodeFor(url, 'project/p1', 'forged-token')).toBe(CloseCode.unauthenticated);
    expect(await closeCodeFor(url, 'project/p1', 'expired')).toBe(CloseCode.unauthenticated);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'unauthenticated' })).toBe(3);
  });

  it('the stock client stops retrying after 4401 and reports it', async () => {
    const { url } = await server();
    const a = client(url, 'project/p1', 'expired');
    let closed: { code: number } | null = null;
    a.provider.on('closed', (event) => {
      closed = event;
    });
    await waitFor(() => closed !== null, 'closed event');
    expect(closed).toEqual({ code: 4401, reason: 'unauthenticated' });
    expect(a.provider.shouldConnect).toBe(false);
  });

  it('closes with 4403 for a document the member may not open', async () => {
    const { url } = await server();
    expect(await closeCodeFor(url, 'secret/plan', 'wang:leader')).toBe(CloseCode.forbidden);
  });

  it('closes with 4404 for an empty or oversized document name', async () => {
    const { url } = await server();
    expect(await closeCodeFor(url, '', 'wang:leader')).toBe(CloseCode.invalidDocumentName);
    expect(await closeCodeFor(url, 'x'.repeat(257), 'wang:leader')).toBe(CloseCode.invalidDocumentName);
    expect(await closeCodeFor(url, 'bad%ZZname', 'wang:leader')).toBe(CloseCode.invalidDocumentName);
  });

  it('closes with 4408 when authentication does not finish in time', async () => {
    const { url } = await server({ authenticate: () => new Promise(() => {}), limits: { authTimeoutMs: 30 } });
    expect(await closeCodeFor(url, 'project/p1', 'wang:member')).toBe(CloseCode.authTimeout);
  });

  it('closeConnections drops a revoked member’s connections with 4409 and leaves others open', async () => {
    const { url, server: sync } = await server();
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    expect(sync.closeConnections((conn) => conn.principal?.memberId === 'wang')).toBe(1);
    await waitFor(() => a.closes.length === 1, 'a closed');
    expect(a.closes[0]?.code).toBe(CloseCode.revoked);
    b.doc.getText('t').insert(0, 'still here');
    await waitFor(() => sync.stats().connections === 1, 'one connection left');
    expect(b.provider.wsconnected).toBe(true);
  });
});

describe('sync server: read-only members (observer, 督查室)', () => {
  it('receives updates, but its own writes are dropped, not stored, not broadcast, and counted', async () => {
    const { url, store, metrics } = await server();
    const writer = client(url, 'project/p1', 'wang:member');
    const observer = client(url, 'project/p1', 'du:observer');
    const other = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(writer), synced(observer), synced(other)]);
    writer.doc.getMap('project').set('stage', '开工');
    await waitFor(() => observer.doc.getMap('project').get('stage') === '开工', 'observer receives');
    observer.doc.getMap('project').set('stage', '竣工');
    observer.doc.getMap('project').delete('stage');
    observer.doc.getMap('project').set('fake', '弄虚作假');
    await metricWait(metrics, 3);
    writer.doc.getMap('project').set('owner', '王');
    await waitFor(() => observer.doc.getMap('project').get('owner') === '王', 'observer still receives');
    await waitFor(() => other.doc.getMap('project').get('owner') === '王', 'other receives');
    expect(other.doc.getMap('project').toJSON()).toEqual({ stage: '开工', owner: '王' });
    expect((await store.history('project/p1')).map((row) => row.author)).toEqual(['wang', 'wang']);
  });

  it('a harmless sync step 2 from a read-only client (nothing new) passes without a drop', async () => {
    const { url, metrics } = await server();
    const writer = client(url, 'project/p1', 'wang:member');
    await synced(writer);
    writer.doc.getMap('project').set('stage', '开工');
    writer.doc.getMap('project').set('stage', '竣工'); // leaves a deletion in the delete set
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(writer.doc));
    const raw = await rawSocket(url, 'project/p1', 'du:observer');
    cleanups.push(() => raw.ws.terminate());
    // frames of one connection are handled in order, so a reply to a later step 1 means the earlier frame was handled
    const roundTrip = async (): Promise<void> => {
      const replies = raw.received.filter(isStep2).length;
      raw.ws.send(encodeSyncMessage(SyncMessageType.step1, new Uint8Array([0])));
      await waitFor(() => raw.received.filter(isStep2).length > replies, 'step 2 reply');
    };
    await waitFor(() => raw.received.length > 0, 'server step 1');
    await waitFor(() => Y.encodeStateVector(mirror).length > 1, 'mirror has state');
    raw.ws.send(encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(mirror)));
    await roundTrip();
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'read-only-write' })).toBe(0);
    raw.ws.send(validUpdateFrame('stage', '伪造'));
    await roundTrip();
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'read-only-write' })).toBe(1);
    expect(raw.closed).toBeNull();
  });
});

const isStep2 = (frame: Uint8Array): boolean => frame[0] === 0 && frame[1] === SyncMessageType.step2;

function metricWait(metrics: TestServer['metrics'], drops: number): Promise<void> {
  return waitFor(async () => (await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'read-only-write' })) >= drops, `${drops} read-only drops`);
}
