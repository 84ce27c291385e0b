import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BindingsCache, ClientBindings } from '../../../server/sync/client-bindings';
import type { StoredUpdate } from '../../../server/storage/document-store';

/** An update adding one item under `client`. */
function updateBy(client: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getMap('m').set(text, text);
  return Y.encodeStateAsUpdate(doc);
}

/** A history the bindings read from, counting the records each derivation read. */
function historyOf(records: Array<{ client: number; author: string }>) {
  const stored: StoredUpdate[] = records.map((r, i) => ({
    docName: 'd',
    seq: i + 1,
    update: updateBy(r.client, `k${i}`),
    author: r.author,
    at: i,
    hash: '',
  }));
  let read = 0;
  return {
    stored,
    get read() {
      return read;
    },
    async history(_doc: string, from = 1, limit = 1_000) {
      const page = stored.filter((r) => r.seq >= from).slice(0, limit);
      read += page.length;
      return page;
    },
  };
}

describe('client-id bindings derived again after a room reloads', () => {
  it('read only the history stored since the last derivation, and bind exactly as a full read does', async () => {
    const store = historyOf([
      { client: 11, author: 'zhang' },
      { client: 22, author: 'li' },
    ]);
    const cache = new BindingsCache();
    await ClientBindings.derive(store, 'd', cache);
    expect(store.read).toBe(2);

    // stored while the room was unloaded: a new client of wang, and li's client id resent by zhang (li keeps it)
    store.stored.push({ ...store.stored[0]!, seq: 3, update: updateBy(33, 'k3'), author: 'wang' });
    store.stored.push({ ...store.stored[0]!, seq: 4, update: updateBy(22, 'k4'), author: 'zhang' });
    const again = await ClientBindings.derive(store, 'd', cache);
    expect(store.read).toBe(4);
    const full = await ClientBindings.derive(store, 'd');
    for (const client of [11, 22, 33]) expect(again.ownerOf(client)).toBe(full.ownerOf(client));
    expect([again.ownerOf(11), again.ownerOf(22), again.ownerOf(33)]).toEqual(['zhang', 'li', 'wang']);
  });

  it('forgets the least recently derived documents beyond its bound', async () => {
    const cache = new BindingsCache(2);
    for (const name of ['a', 'b', 'c']) cache.set(name, { owners: new Map(), nextSeq: 5 });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.nextSeq).toBe(5);
  });
});
