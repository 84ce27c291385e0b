import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { freePort } from '../app/server-process';
import { makeTempDir } from '../storage/temp-dir';
import { connectClient, peersPresence, rawSocket, startServer, synced, waitFor, type TestClient, type TestServer } from './harness';
import { MemoryStore } from './memory-store';

const ROOT = resolve(import.meta.dirname, '../../..');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(store: MemoryStore): Promise<TestServer> {
  const started = await startServer({ store });
  cleanups.push(() => started.stop());
  return started;
}

function client(url: string, room: string, token: string): TestClient {
  const made = connectClient(url, room, token);
  cleanups.push(() => made.destroy());
  return made;
}

describe('send first, store right after', () => {
  it('a peer has an edit before it is stored once its client id is bound; it is stored with its author right after', async () => {
    const store = new MemoryStore();
    const { url } = await server(store);
    const wang = client(url, 'project/p1', 'wang:member');
    const li = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(wang), synced(li)]);
    // the first edit binds wang's client id: it is stored before anyone gets it
    wang.doc.getMap('project').set('name', '城东污水处理厂');
    await waitFor(() => li.doc.getMap('project').get('name') === '城东污水处理厂', 'the first edit at the peer');
    expect(store.updates.get('project/p1')?.length).toBe(1);

    let open: () => void = () => undefined;
    store.appendGate = new Promise<void>((resolve) => (open = resolve));
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => li.doc.getMap('project').get('stage') === 'started', 'the edit at the peer');
    expect(store.updates.get('project/p1')?.length).toBe(1);
    open();
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 2, 'the edit stored');
    expect(store.updates.get('project/p1')?.map((row) => row.author)).toEqual(['wang', 'wang']);
  });

  it('an edit under a client id never seen reaches the peers only once it is stored', async () => {
    const store = new MemoryStore();
    let open: () => void = () => undefined;
    store.appendGate = new Promise<void>((resolve) => (open = resolve));
    let appendCalls = 0;
    const append = store.appendMany.bind(store);
    store.appendMany = (entries) => {
      appendCalls += 1;
      return append(entries);
    };
    const { url } = await server(store);
    const wang = client(url, 'project/p1', 'wang:member');
    const li = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(wang), synced(li)]);
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => appendCalls === 1, 'the edit on its way to the store');
    // presence goes out at once and in order behind anything sent before it: once li has it, li has all that was sent
    wang.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => peersPresence(li).some((state) => state.marker === 1), 'wang’s presence at the peer');
    expect(li.doc.getMap('project').get('stage')).toBeUndefined();
    open();
    await waitFor(() => li.doc.getMap('project').get('stage') === 'started', 'the edit at the peer once stored');
    expect(store.updates.get('project/p1')?.map((row) => row.author)).toEqual(['wang']);
  });

  it('structs a writer repeats with other content are neither passed on nor stored; its new ones are', async () => {
    const store = new MemoryStore();
    const { url } = await server(store);
    const wang = client(url, 'project/p1', 'wang:member');
    const li = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(wang), synced(li)]);
    wang.doc.getMap('project').set('name', '城东污水处理厂');
    await waitFor(() => li.doc.getMap('project').get('name') === '城东污水处理厂', 'the name at the peer');

    // the same item id as wang's edit with a forged value, plus an edit of the sender's own
    const forged = new Y.Doc();
    forged.clientID = wang.doc.clientID;
    forged.getMap('project').set('name', '假项目');
    const own = new Y.Doc();
    own.clientID = 424242;
    own.getMap('project').set('owner', '张工');
    const update = Y.mergeUpdates([Y.encodeStateAsUpdate(forged), Y.encodeStateAsUpdate(own)]);
    const zhang = await rawSocket(url, 'project/p1', 'zhang:member');
    cleanups.push(() => zhang.ws.terminate());
    zhang.ws.send(encodeSyncMessage(SyncMessageType.update, update));

    await waitFor(() => li.doc.getMap('project').get('owner') === '张工', 'the new edit at the peer');
    await waitFor(() => (store.updates.get('project/p1')?.length ?? 0) === 2, 'both edits stored');
    expect(li.doc.getMap('project').get('name')).toBe('城东污水处理厂');
    const stored = store.updates.get('project/p1') ?? [];
    expect(stored.map((row) => row.author)).toEqual(['wang', 'zhang']);
    const zhangsStructs = Y.decodeUpdate(stored[1]!.update).structs.map((struct) => struct.id.client);
    expect(zhangsStructs).toEqual([424242]);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, (await store.load('project/p1'))!);
    expect(reloaded.getMap('project').toJSON()).toEqual({ name: '城东污水处理厂', owner: '张工' });
  });

  it('killed between sending and storing: a peer resending the edit is refused, its author resends it and it is stored under them', async () => {
    const tmp = makeTempDir('crash-window');
    cleanups.push(tmp.remove);
    const path = join(tmp.dir, 'guatu.sqlite');
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;

    // wang has written in this document before: his client id is bound to him in the stored history
    const first = startChild(path, port, 'store');
    await first.listening;
    const wang = client(url, 'project/p1', 'wang:member');
    const li = client(url, 'project/p1', 'li:member');
    await Promise.all([synced(wang), synced(li)]);
    wang.doc.getMap('project').set('name', '城东污水处理厂');
    await waitFor(() => li.doc.getMap('project').get('name') === '城东污水处理厂', 'the first edit at the peer');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const holding = startChild(path, port, 'hold');
    await holding.listening;
    await waitFor(() => wang.provider.synced && li.provider.synced && wang.provider.wsconnected && li.provider.wsconnected, 'both back', 10_000);
    wang.doc.getMap('project').set('stage', 'started');
    await waitFor(() => li.doc.getMap('project').get('stage') === 'started', 'the edit at the peer');
    // wang goes offline (his browser keeps the edit), then the process dies with the edit sent and not stored
    wang.provider.disconnect();
    holding.child.kill('SIGKILL');
    await holding.exited;

    const storing = startChild(path, port, 'store');
    await storing.listening;
    // li reaches the new server first and resends wang's edit: refused, never stored under li
    await waitFor(() => li.closes.some((close) => close.code === CloseCode.changeRefused), 'li refused', 10_000);
    // wang comes back and resends his own edit: stored under him
    wang.provider.connect();
    await waitFor(() => wang.provider.synced && wang.provider.wsconnected, 'wang back', 10_000);
    const liAgain = client(url, 'project/p1', 'li:member');
    Y.applyUpdate(liAgain.doc, Y.encodeStateAsUpdate(li.doc));
    li.destroy();
    await synced(liAgain);
    wang.doc.getMap('project').set('investmentWan', 12_000);
    await waitFor(() => liAgain.doc.getMap('project').get('investmentWan') === 12_000, 'a later edit at the peer');
    storing.child.kill('SIGTERM');
    expect(await storing.exited).toBe(0);

    const after = openSqliteStore({ path });
    try {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await after.load('project/p1'))!);
      expect(doc.getMap('project').toJSON()).toEqual({ name: '城东污水处理厂', stage: 'started', investmentWan: 12_000 });
      const history = await after.history('project/p1');
      expect(history.map((row) => row.author)).toEqual(['wang', 'wang', 'wang']);
      for (const row of history) expect([...Y.parseUpdateMeta(row.update).from.keys()]).toEqual([wang.doc.clientID]);
      expect((await after.verify()).ok).toBe(true);
    } finally {
      await after.close();
    }
    for (const peer of [wang, liAgain])
      expect(peer.doc.getMap('project').toJSON()).toEqual({ name: '城东污水处理厂', stage: 'started', investmentWan: 12_000 });
  }, 30_000);
});

function startChild(path: string, port: number, mode: 'hold' | 'store') {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/server/sync/crash-window-server.ts'), path, String(port), mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const listening = new Promise<void>((done, fail) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('listening')) done();
    });
    void exited.then((code) => fail(new Error(`server (${mode}) exited with ${code} before listening`)));
  });
  return { child, exited, listening };
}
