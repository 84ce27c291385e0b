import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { connectClient, metricValue, rawSocket, startServer, synced, waitFor, type TestClient, type TestServer } from './harness';
import { MemoryStore } from './memory-store';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(store: MemoryStore): Promise<TestServer> {
  const started = await startServer({ store });
  cleanups.push(() => started.stop());
  return started;
}

function client(url: string, room: string, token: string, doc?: Y.Doc): TestClient {
  const made = connectClient(url, room, token, doc);
  cleanups.push(() => made.destroy());
  return made;
}

/** An update adding items under `victim`'s client id, continuing where its clock stands (what a forger would send). */
function forgedUnder(victim: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(victim));
  const before = Y.encodeStateVector(forged);
  forged.clientID = victim.clientID;
  write(forged);
  return Y.encodeStateAsUpdate(forged, before);
}

/** Sends `update` from a raw connection of `token` and resolves with the close code the server answers with. */
async function sendAs(url: string, token: string, update: Uint8Array): Promise<number> {
  const raw = await rawSocket(url, 'project/p1', token);
  cleanups.push(() => raw.ws.terminate());
  raw.ws.send(encodeSyncMessage(SyncMessageType.update, update));
  return (await raw.whenClosed).code;
}

describe('each Yjs client id is bound to the member who first wrote with it (#13)', () => {
  it('items forged under another member’s client id are refused (4422), counted, not passed on and not stored', async () => {
    const store = new MemoryStore();
    const { url, metrics } = await server(store);
    const wang = client(url, 'project/p1', 'wang:member');
    const li = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(wang), synced(li)]);
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => li.doc.getMap('project').get('stage') === 'started', 'wang’s edit at the peer');

    const forged = forgedUnder(wang.doc, (doc) => doc.getMap('project').set('stage', 'completed'));
    expect(await sendAs(url, 'zhang:member', forged)).toBe(CloseCode.changeRefused);
    expect(await metricValue(metrics, 'guatu_sync_rejected_total', { reason: 'client-id-foreign' })).toBe(1);

    // a later edit of wang's goes through: had the forgery stood, his clock would be ahead and this one pending
    wang.doc.getMap('project').set('investmentWan', 800);
    await waitFor(() => li.doc.getMap('project').get('investmentWan') === 800, 'wang’s next edit at the peer');
    expect(li.doc.getMap('project').get('stage')).toBe('started');
    expect(store.updates.get('project/p1')?.map((row) => row.author)).toEqual(['wang', 'wang']);
  });

  it('a member reconnecting with the same client id is accepted, also after a restart; a forger still is not', async () => {
    const store = new MemoryStore();
    const first = await server(store);
    const wang = client(first.url, 'project/p1', 'wang:member');
    await synced(wang);
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 1, 'the edit stored');
    wang.provider.disconnect();
    await first.stop();

    // a new process knows the bindings from the stored, attributed history
    const second = await server(store);
    const forged = forgedUnder(wang.doc, (doc) => doc.getMap('project').set('stage', 'completed'));
    expect(await sendAs(second.url, 'zhang:member', forged)).toBe(CloseCode.changeRefused);
    expect(await metricValue(second.metrics, 'guatu_sync_rejected_total', { reason: 'client-id-foreign' })).toBe(1);

    // wang's own browser reconnects with the same document (same client id) and edits: accepted
    const again = client(second.url, 'project/p1', 'wang:member', wang.doc);
    await synced(again);
    wang.doc.getMap('project').set('investmentWan', 800);
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 2, 'the reconnect’s edit stored');
    expect(again.closes).toEqual([]);
    expect(store.updates.get('project/p1')?.map((row) => row.author)).toEqual(['wang', 'wang']);
  });

  it('a peer resending someone else’s edit is refused; a member’s own items in the same update do not excuse it', async () => {
    const store = new MemoryStore();
    const { url } = await server(store);
    const wang = client(url, 'project/p1', 'wang:member');
    await synced(wang);
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 1, 'the edit stored');
    const forged = forgedUnder(wang.doc, (doc) => doc.getMap('project').set('stage', 'completed'));
    const mine = new Y.Doc();
    mine.getMap('project').set('owner', '张工');
    const mixed = Y.mergeUpdates([forged, Y.encodeStateAsUpdate(mine)]);
    expect(await sendAs(url, 'zhang:member', mixed)).toBe(CloseCode.changeRefused);
    await waitFor(() => wang.provider.synced, 'wang still synced');
    expect(store.updates.get('project/p1')?.map((row) => row.author)).toEqual(['wang']);
    expect(wang.doc.getMap('project').get('owner')).toBeUndefined();
  });
});
