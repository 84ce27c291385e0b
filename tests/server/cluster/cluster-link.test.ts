import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClusterLink, type ClusterLink } from '../../../server/cluster/cluster-link';
import { createSilentLogger } from '../../../server/log';
import type { StoredUpdate } from '../../../server/storage/document-store';
import type { FollowedRoom } from '../../../server/sync/config';
import { MemoryBus } from './memory-fan-out';

const D = 'ws/w1/project/p1';

/** What the instances share: a store with each document's history (a stand-in for PostgreSQL), and the bus. */
function world() {
  const history = new Map<string, StoredUpdate[]>();
  const bus = new MemoryBus();
  const store = {
    async heads(names: readonly string[]) {
      return new Map(names.flatMap((n) => (history.get(n)?.length ? [[n, history.get(n)?.length ?? 0] as [string, number]] : [])));
    },
    async history(name: string, fromSeq = 1, limit = Number.MAX_SAFE_INTEGER) {
      storeReads.count++;
      return (history.get(name) ?? []).filter((r) => r.seq >= fromSeq).slice(0, limit);
    },
  };
  const storeReads = { count: 0 };
  const links: ClusterLink[] = [];
  /** Stores an update as an instance's group commit would, and returns its seq. */
  function commit(docName: string, bytes: number[], author = 'm1'): { docName: string; seq: number; update: Uint8Array; author: string } {
    const records = history.get(docName) ?? [];
    const seq = records.length + 1;
    const update = new Uint8Array(bytes);
    records.push({ docName, seq, update, author, at: 0, hash: '' });
    history.set(docName, records);
    return { docName, seq, update, author };
  }
  async function instance(): Promise<ClusterLink> {
    const link = await createClusterLink({ store, logger: createSilentLogger(), openFanOut: async (onUpdates) => bus.connect(onUpdates), headCheckMs: 60_000 });
    links.push(link);
    return link;
  }
  function room(name = D): FollowedRoom & { applied: number[][]; authors: Array<string | undefined> } {
    const applied: number[][] = [];
    const authors: Array<string | undefined> = [];
    return {
      name,
      applied,
      authors,
      applyRemote: (update, author) => {
        applied.push([...update]);
        authors.push(author);
      },
    };
  }
  return { bus, commit, instance, room, links, storeReads };
}

describe('cluster link: a loaded room follows the other instances’ commits', () => {
  let links: ClusterLink[] = [];
  afterEach(async () => {
    for (const link of links.splice(0)) await link.close();
  });
  async function setup() {
    const w = world();
    const a = await w.instance();
    const b = await w.instance();
    links = w.links;
    return { ...w, a, b };
  }

  it('applies the next seqs another instance committed, once each, and never its own commits', async () => {
    const { a, b, commit, room } = await setup();
    const onA = room();
    const onB = room();
    a.loaded(onA, await a.headBeforeLoad(D));
    b.loaded(onB, await b.headBeforeLoad(D));
    a.committed([commit(D, [1]), commit(D, [2])]);
    b.committed([commit(D, [3])]);
    a.committed([commit(D, [4])]);
    await vi.waitFor(() => expect([b.appliedSeq(D), a.appliedSeq(D)]).toEqual([4, 4]));
    expect(onB.applied).toEqual([[1], [2], [4]]);
    expect(onA.applied).toEqual([[3]]);
  });

  it('hands each update on with the member it was stored under, from the fan-out and from the store (client ids bind to them, #13)', async () => {
    const { a, b, commit, room, bus } = await setup();
    const onB = room();
    b.loaded(onB, await b.headBeforeLoad(D));
    a.committed([commit(D, [1], 'm-li')]);
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(1));
    // seq 2 is lost on the bus: seq 3 reveals the gap and 2 comes from the store, with its author
    bus.lose = true;
    a.committed([commit(D, [2], 'm-wang')]);
    await Promise.resolve();
    bus.lose = false;
    a.committed([commit(D, [3], 'm-zhao')]);
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(3));
    expect(onB.authors).toEqual(['m-li', 'm-wang', 'm-zhao']);
  });

  it('a seq that overtook a lost one reveals the gap: the missing seqs come from the store, in order', async () => {
    const { a, b, bus, commit, room, storeReads } = await setup();
    const onB = room();
    b.loaded(onB, 0);
    a.committed([commit(D, [1])]);
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(1));
    bus.lose = true;
    a.committed([commit(D, [2]), commit(D, [3])]);
    bus.lose = false;
    const readsBefore = storeReads.count;
    a.committed([commit(D, [4])]);
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(4));
    expect(onB.applied).toEqual([[1], [2], [3], [4]]);
    expect(storeReads.count).toBeGreaterThan(readsBefore);
  });

  it('a lost publish on a document that then stays quiet is found by the head check (the whole fan-out while Redis is away)', async () => {
    const { a, b, bus, commit, room, storeReads } = await setup();
    const onB = room();
    b.loaded(onB, 0);
    // once following, the link reads the store for what came before; these commits come after that
    await vi.waitFor(() => expect(storeReads.count).toBe(1));
    bus.lose = true;
    a.committed([commit(D, [1]), commit(D, [2])]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(onB.applied).toEqual([]);
    await b.checkHeads();
    await vi.waitFor(() => expect(onB.applied).toEqual([[1], [2]]));
  });

  it('what was committed between the head read and the follow taking hold is read from the store once following', async () => {
    const { a, b, bus, commit, room } = await setup();
    const head = await b.headBeforeLoad(D);
    // published before B follows: the fan-out owes B nothing of it
    a.committed([commit(D, [1]), commit(D, [2])]);
    await new Promise((resolve) => setImmediate(resolve));
    const onB = room();
    b.loaded(onB, head);
    await vi.waitFor(() => expect(onB.applied).toEqual([[1], [2]]));
    expect(bus.published).toBe(2);
    a.committed([commit(D, [3])]);
    await vi.waitFor(() => expect(onB.applied).toEqual([[1], [2], [3]]));
    expect(b.appliedSeq(D)).toBe(3);
  });

  it('after a Redis restart (every stream forgotten) followers carry on; what fell between is filled from the store', async () => {
    const { a, b, bus, commit, room } = await setup();
    const onB = room();
    b.loaded(onB, 0);
    a.committed([commit(D, [1])]);
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(1));
    bus.restart();
    bus.lose = true;
    a.committed([commit(D, [2])]);
    bus.lose = false;
    a.committed([commit(D, [3])]);
    await vi.waitFor(() => expect(onB.applied).toEqual([[1], [2], [3]]));
  });

  it('a room loaded at head n starts after n; an unloaded room gets nothing more', async () => {
    const { a, b, commit, room } = await setup();
    a.committed([commit(D, [1]), commit(D, [2])]);
    const onB = room();
    const head = await b.headBeforeLoad(D);
    expect(head).toBe(2);
    b.loaded(onB, head);
    a.committed([commit(D, [3])]);
    await vi.waitFor(() => expect(onB.applied).toEqual([[3]]));
    b.unloaded(onB);
    a.committed([commit(D, [4])]);
    await b.checkHeads();
    await new Promise((resolve) => setImmediate(resolve));
    expect(onB.applied).toEqual([[3]]);
    expect(b.appliedSeq(D)).toBeNull();
  });

  it('own commits above a seq another instance took wait until that seq is applied', async () => {
    const { a, b, bus, commit, room } = await setup();
    const onB = room();
    b.loaded(onB, 0);
    bus.lose = true;
    a.committed([commit(D, [1])]); // lost on its way to B
    bus.lose = false;
    b.committed([commit(D, [2])]); // B's own, above the hole
    expect(b.appliedSeq(D)).toBe(0);
    await b.checkHeads();
    await vi.waitFor(() => expect(b.appliedSeq(D)).toBe(2));
    expect(onB.applied).toEqual([[1]]);
  });
});
