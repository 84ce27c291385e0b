import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { makeTempDir } from '../storage/temp-dir';
import { MemoryStore } from './memory-store';
import { metricValue, peersPresence, startServer, synced, waitFor, type TestClient, trackedServers } from './harness';

const { server, client, cleanups } = trackedServers(afterEach);

const text = (c: TestClient): string => c.doc.getText('note').toString();

describe('sync server: two members in one room', () => {
  it('an edit by one appears at the other, and is stored with the author', async () => {
    const { url, store } = await server();
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('note').insert(0, '开工');
    await waitFor(() => text(b) === '开工', 'b sees the edit');
    const history = await store.history('project/p1');
    expect(history.map((row) => row.author)).toEqual(['wang']);
  });

  it('awareness of one member appears at the other and disappears when it leaves', async () => {
    const { url } = await server();
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: '王' });
    await waitFor(() => peersPresence(b).some((state) => state.user !== undefined), 'b sees a');
    expect(peersPresence(b)).toEqual([{ user: { name: '王' } }]);
    // under an alias: a's Yjs client id is not told to the room (issue #13)
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
    a.provider.disconnect();
    await waitFor(() => peersPresence(b).length === 0, 'a gone at b');
  });

  it('two members editing offline converge after reconnecting', async () => {
    const { url } = await server();
    const a = client(url, 'project/p1', 'wang:member');
    const b = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('project').set('stage', '签约');
    await waitFor(() => b.doc.getMap('project').get('stage') === '签约', 'first edit');
    a.provider.disconnect();
    b.provider.disconnect();
    a.doc.getMap('project').set('owner', '王');
    a.doc.getText('note').insert(0, 'A');
    b.doc.getMap('project').set('leader', '李');
    b.doc.getText('note').insert(0, 'B');
    a.provider.connect();
    b.provider.connect();
    await waitFor(() => text(a).length === 2 && text(b).length === 2 && b.doc.getMap('project').get('owner') === '王', 'converged');
    await waitFor(() => a.doc.getMap('project').get('leader') === '李', 'a has b’s field');
    expect(text(a)).toBe(text(b));
    expect(a.doc.getMap('project').toJSON()).toEqual({ stage: '签约', owner: '王', leader: '李' });
  });

  it('a server restart between offline edits loses nothing (same SQLite file)', async () => {
    const temp = makeTempDir('sync-restart');
    cleanups.push(() => temp.remove());
    const path = `${temp.dir}/guatu.db`;
    const first = await startServer({ store: openSqliteStore({ path }) });
    const a = client(first.url, 'project/p1', 'wang:member');
    const b = client(first.url, 'project/p1', 'li:member');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getArray('milestones').push(['立项']);
    await waitFor(() => b.doc.getArray('milestones').length === 1, 'b has the milestone');
    a.provider.disconnect();
    b.provider.disconnect();
    await first.stop();
    await first.store.close();
    a.doc.getArray('milestones').push(['环评']);
    b.doc.getArray('milestones').push(['土地预审']);

    const second = await server({ store: openSqliteStore({ path }), port: first.port });
    cleanups.push(() => second.store.close());
    a.provider.connect();
    await synced(a);
    a.provider.disconnect();
    b.provider.connect();
    await synced(b);
    // a fresh member who was never offline sees all three from the store alone
    const c = client(second.url, 'project/p1', 'zhao:leader');
    await synced(c);
    await waitFor(() => c.doc.getArray('milestones').length === 3, 'c has all three');
    expect([...c.doc.getArray<string>('milestones').toArray()].sort()).toEqual(['土地预审', '环评', '立项'].sort());
  });

  it('the stored state goes out with the first sync (client messages wait for the load)', async () => {
    const store = new MemoryStore();
    const seed = new Y.Doc();
    seed.getMap('project').set('name', '光伏电站');
    await store.append('project/p9', Y.encodeStateAsUpdate(seed), 'wang', 1);
    let openGate = (): void => {};
    store.loadGate = new Promise((resolve) => {
      openGate = resolve;
    });
    const { url, server: sync } = await server({ store });
    const a = client(url, 'project/p9', 'li:member');
    // while the load is held, the client's sync step 1 is buffered and nothing syncs
    await waitFor(() => a.provider.wsconnected, 'socket open');
    expect(a.provider.synced).toBe(false);
    expect(sync.stats().documentsLoaded).toBe(0);
    let nameAtFirstSync: unknown = 'not synced';
    a.provider.once('sync', () => {
      nameAtFirstSync = a.doc.getMap('project').get('name');
    });
    openGate();
    await synced(a);
    expect(nameAtFirstSync).toBe('光伏电站');
  });

  it('an idle document is unloaded and destroyed, and reloads intact', async () => {
    const { url, server: sync, metrics } = await server({ limits: { idleUnloadMs: 20 } });
    const a = client(url, 'project/p1', 'wang:member');
    await synced(a);
    a.doc.getMap('project').set('investmentWan', 12000);
    a.doc.getText('note').insert(0, '形象进度：主体完工');
    await waitFor(() => sync.stats().rooms.length === 1, 'room loaded');
    const loadedDoc = await sync.getDocument('project/p1');
    const docRef = loadedDoc.doc;
    await waitFor(() => docRef.getMap('project').get('investmentWan') === 12000 && docRef.getText('note').length > 0, 'server has edits');
    loadedDoc.release();
    a.destroy();
    await waitFor(() => sync.stats().documentsLoaded === 0, 'document unloaded');
    expect(docRef.isDestroyed).toBe(true);
    expect(await metricValue(metrics, 'guatu_sync_documents_loaded')).toBe(0);
    const b = client(url, 'project/p1', 'li:member');
    await synced(b);
    await waitFor(() => b.doc.getText('note').toString() === '形象进度：主体完工', 'reloaded text');
    expect(b.doc.getMap('project').get('investmentWan')).toBe(12000);
    expect(sync.stats().documentsLoaded).toBe(1);
  });

  it('compacts once the threshold of stored updates is passed, and the snapshot loads the same', async () => {
    const store = new MemoryStore();
    const { url, server: sync } = await server({ store, limits: { compactionThreshold: 5, idleUnloadMs: 10 } });
    const a = client(url, 'project/p1', 'wang:member');
    await synced(a);
    const stored = () => store.updates.get('project/p1')?.length ?? 0;
    // in steps, since updates arriving in one event-loop turn are stored as one batch and compaction follows a batch
    for (let i = 0; i < 4; i++) a.doc.getArray('log').push([i]);
    await waitFor(() => stored() === 4, 'four stored');
    expect(store.snapshots.get('project/p1')).toBeUndefined();
    a.doc.getArray('log').push([4]);
    await waitFor(() => store.snapshots.get('project/p1') !== undefined, 'a snapshot');
    expect(store.snapshots.get('project/p1')?.uptoSeq).toBe(5);
    for (let i = 5; i < 7; i++) a.doc.getArray('log').push([i]);
    await waitFor(() => stored() === 7, 'seven stored');
    expect(store.snapshots.get('project/p1')?.uptoSeq).toBe(5);
    a.destroy();
    await waitFor(() => sync.stats().documentsLoaded === 0, 'unloaded');
    const b = client(url, 'project/p1', 'li:member');
    await waitFor(() => b.doc.getArray('log').length === 7, 'reloaded');
    expect(b.doc.getArray('log').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a server-side write is stored with its author and reaches connected clients', async () => {
    const seen: string[] = [];
    const {
      url,
      server: sync,
      store,
    } = await server({
      onDocumentUpdate: (name, _doc, _update, origin) => {
        seen.push(`${name}:${origin.source === 'server' ? origin.author : origin.memberId}`);
      },
    });
    const a = client(url, 'summary/ws1', 'wang:member');
    await synced(a);
    const held = await sync.getDocument('summary/ws1');
    await held.write((doc) => doc.getMap('rows').set('p1', { stage: '开工' }), 'server');
    held.release();
    await waitFor(() => a.doc.getMap('rows').has('p1'), 'client sees server write');
    expect((await store.history('summary/ws1')).map((row) => row.author)).toEqual(['server']);
    a.doc.getMap('rows').set('p2', { stage: '签约' });
    await waitFor(() => seen.length === 2, 'hook called twice');
    expect(seen).toEqual(['summary/ws1:server', 'summary/ws1:wang']);
  });
});
