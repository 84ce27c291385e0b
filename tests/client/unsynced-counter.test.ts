import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { createUnsyncedCounter, type UnsyncedMemory } from '../../client/unsynced-counter';
import { WS } from './helpers';

/**
 * The rule, driven by hand: a provider that never opens a socket, whose connected/synced flags and incoming sync step 1
 * frames the test sets, as the server would.
 */
const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) {
    p.awareness.destroy();
    p.destroy();
  }
});

function setup(memory?: UnsyncedMemory, doc = new Y.Doc()) {
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'ws/w1', doc, { connect: false, disableBc: true, WebSocketPolyfill: WS });
  providers.push(provider);
  const LOCAL = { source: 'local' };
  const counter = createUnsyncedCounter(
    doc,
    provider,
    (origin) => origin === LOCAL,
    () => {},
    memory,
  );
  const edit = (key: string) => doc.transact(() => doc.getMap('m').set(key, key), LOCAL);
  const online = (on: boolean) => {
    provider.wsconnected = on;
    provider.synced = on;
  };
  /** The server's sync step 1 on a (re)connect, saying it holds this replica's edits up to `clock`. */
  const serverStep1 = (clock: number, extra: Array<[number, number]> = []) => {
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 0);
    encoding.writeVarUint8Array(frame, Y.encodeStateVector(new Map([[doc.clientID, clock], ...extra])));
    provider.wsconnected = true;
    provider.messageHandlers[0]?.(encoding.createEncoder(), decoding.createDecoder(encoding.toUint8Array(frame)), provider, true, 0);
  };
  return { doc, provider, counter, edit, online, serverStep1 };
}

describe('unsynced edits', () => {
  it('edits made online are not counted; edits made offline are, until the next sync', () => {
    const { counter, edit, online } = setup();
    online(true);
    edit('a');
    expect(counter.count()).toBe(0);
    online(false);
    edit('b');
    edit('c');
    expect(counter.count()).toBe(2);
    online(true);
    expect(counter.count()).toBe(0);
  });

  it("the server's state vector on reconnect is the truth: an edit sent just before the connection dropped counts again", () => {
    const { counter, edit, online, serverStep1 } = setup();
    online(true);
    edit('a'); // clock 0 → 1, sent
    edit('b'); // clock 1 → 2, sent, but the connection drops before the server stores it
    online(false);
    edit('c'); // clock 2 → 3, offline
    expect(counter.count()).toBe(1);
    serverStep1(1); // the server has only the first edit
    expect(counter.count()).toBe(2);
    online(true);
    expect(counter.count()).toBe(0);
  });

  it('edits the server already has (another page sent them) stop counting as soon as it says so', () => {
    const { counter, edit, online, serverStep1 } = setup();
    online(false);
    edit('a');
    edit('b');
    expect(counter.count()).toBe(2);
    serverStep1(2);
    expect(counter.count()).toBe(0);
  });

  it('updates from the server or other pages are not ours to count', () => {
    const { doc, counter, online } = setup();
    online(false);
    const other = new Y.Doc();
    other.getMap('m').set('x', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), { source: 'remote' });
    expect(counter.count()).toBe(0);
  });

  it('edits made offline still count after the page is closed and reopened offline, until the server has them (#9 §6)', async () => {
    let stored: unknown;
    const memory: UnsyncedMemory = { load: async () => stored, save: (entries) => (stored = structuredClone(entries)) };
    const first = setup(memory);
    await vi.waitFor(() => expect(stored).toEqual([]));
    first.online(false);
    first.edit('a');
    first.edit('b');
    expect(first.counter.count()).toBe(2);
    first.counter.destroy();

    // the reopened page: the same document from IndexedDB, a new client id
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(first.doc), { source: 'remote' });
    const second = setup(memory, doc);
    expect(doc.clientID).not.toBe(first.doc.clientID);
    second.online(false);
    await vi.waitFor(() => expect(second.counter.count()).toBe(2));
    second.edit('c');
    expect(second.counter.count()).toBe(3);
    // the server holds the first page's first edit only
    second.serverStep1(0, [[first.doc.clientID, 1]]);
    expect(second.counter.count()).toBe(2);
    second.online(true);
    expect(second.counter.count()).toBe(0);
  });

  it('what an earlier page left that is not an entry is ignored, never a crash', async () => {
    const memory: UnsyncedMemory = { load: async () => [{ client: 'x' }, 7, null, { client: 1, clock: 2, sent: false }], save: () => {} };
    const { counter, online } = setup(memory);
    online(false);
    await vi.waitFor(() => expect(counter.count()).toBe(1));
  });
});
