import * as prng from 'lib0/prng';
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
    // no snapshot here: these tests are about the process's own cache (client-owners.test.ts covers the stores')
    async snapshotOwners() {
      return null;
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

  it('holds at most its bound in client ids across documents, however many each brings (seeded)', async () => {
    const seed = Number(process.env.BINDINGS_SEED ?? 1307);
    const rng = prng.create(seed);
    const cache = new BindingsCache(5_000, 1_000);
    const stores = new Map<string, ReturnType<typeof historyOf>>();
    for (let d = 0; d < 40; d++) {
      const records = Array.from({ length: prng.uint32(rng, 1, 300) }, () => ({
        client: prng.uint32(rng, 1, 0xffffffff),
        author: `m${prng.uint32(rng, 0, 9)}`,
      }));
      const store = historyOf(records);
      stores.set(`d${d}`, store);
      await ClientBindings.derive(store, `d${d}`, cache);
      expect(cache.clientIds, `seed ${seed}`).toBeLessThanOrEqual(1_000);
    }
    // a document forgotten to stay within the bound is read in full again, and binds as before
    const first = stores.get('d0')!;
    const readBefore = first.read;
    const again = await ClientBindings.derive(first, 'd0', cache);
    expect(first.read - readBefore, `seed ${seed}`).toBe(first.stored.length);
    const author = first.stored[0]!.author;
    expect(again.ownerOf(Y.parseUpdateMeta(first.stored[0]!.update).from.keys().next().value!)).toBe(author);
  });

  it('does not keep a document with more client ids than the whole cache may hold', async () => {
    const cache = new BindingsCache(5_000, 10);
    const store = historyOf(Array.from({ length: 11 }, (_, i) => ({ client: 100 + i, author: 'zhang' })));
    await ClientBindings.derive(store, 'big', cache);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.clientIds).toBe(0);
  });
});

describe('client-id bindings of a document loaded in a fresh process', () => {
  it('start from the owners the store recorded with its snapshot and read only the history after it', async () => {
    const store = historyOf([
      { client: 11, author: 'zhang' },
      { client: 22, author: 'li' },
      { client: 33, author: 'wang' },
      { client: 22, author: 'zhang' },
    ]);
    const full = await ClientBindings.derive(store, 'd');
    const readForFull = store.read;
    const withSnapshot = {
      ...store,
      history: store.history,
      async snapshotOwners() {
        return {
          uptoSeq: 2,
          owners: new Map([
            [11, 'zhang'],
            [22, 'li'],
          ]),
        };
      },
    };
    const derived = await ClientBindings.derive(withSnapshot, 'd');
    // seqs 3 and 4 only
    expect(store.read - readForFull).toBe(2);
    for (const client of [11, 22, 33]) expect(derived.ownerOf(client)).toBe(full.ownerOf(client));
    expect([derived.ownerOf(11), derived.ownerOf(22), derived.ownerOf(33)]).toEqual(['zhang', 'li', 'wang']);
  });
});
