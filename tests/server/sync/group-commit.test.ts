import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import type { AppendRequest, AppendedUpdate } from '../../../server/storage/document-store';
import { GroupCommit, MAX_BATCHES_IN_FLIGHT, type CommitSource } from '../../../server/sync/group-commit';
import { MemoryStore } from './memory-store';

/** One small real Yjs update per call, as a client's edit would be. */
function edit(value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('project').set('name', value);
  return Y.encodeStateAsUpdate(doc);
}

/** A document with updates waiting, recording what the group commit tells it. */
class Source implements CommitSource {
  waiting: AppendRequest[] = [];
  readonly storedSeqs: number[][] = [];
  readonly failures: unknown[] = [];
  constructor(readonly name: string) {}
  add(author: string, commits: GroupCommit): void {
    this.waiting.push({ docName: this.name, update: edit(`${this.name} by ${author}`), author, at: 1_772_328_600_000 });
    commits.schedule(this);
  }
  takeUnstored(): AppendRequest[] {
    const taken = this.waiting;
    this.waiting = [];
    return taken;
  }
  stored(results: AppendedUpdate[]): void {
    this.storedSeqs.push(results.map((r) => r.seq));
  }
  storeFailed(error: unknown): void {
    this.failures.push(error);
  }
}

/** The store's appends wait at a gate until released; `started` lists each call's documents as it began. */
function gatedStore() {
  const store = new MemoryStore();
  const started: string[][] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const appendMany = store.appendMany.bind(store);
  store.appendMany = async (entries) => {
    started.push([...new Set(entries.map((e) => e.docName))]);
    await gate;
    return appendMany(entries);
  };
  return { store, started, release: () => release() };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(store = new MemoryStore()) {
  return { store, commits: new GroupCommit(store, createMetrics(), createSilentLogger()) };
}

describe('group commit', () => {
  it('stores everything scheduled in one event-loop turn, across documents, in one batch and in order', async () => {
    const { store, commits } = setup();
    const a = new Source('project/a');
    const b = new Source('project/b');
    a.add('m1', commits);
    b.add('m2', commits);
    a.add('m3', commits);
    expect(store.batches).toEqual([]); // nothing is stored before the turn ends
    await commits.flush();
    expect(store.batches).toEqual([3]);
    expect(a.storedSeqs).toEqual([[1, 2]]);
    expect(b.storedSeqs).toEqual([[1]]);
    expect((await store.history('project/a')).map((r) => r.author)).toEqual(['m1', 'm3']);
  });

  it('an update scheduled while a batch is being written goes in the next batch, and flush waits for it', async () => {
    let release: () => void = () => undefined;
    const store = new MemoryStore();
    const { commits } = setup(store);
    const a = new Source('project/a');
    const gate = new Promise<void>((resolve) => (release = resolve));
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (entries) => {
      await gate;
      return appendMany(entries);
    };
    a.add('m1', commits);
    const first = commits.flush();
    a.add('m2', commits); // the first batch has taken m1 and waits at the gate
    release();
    await first;
    await commits.flush();
    expect(store.batches).toEqual([1, 1]);
    expect(a.storedSeqs).toEqual([[1], [2]]);
  });

  it('a failed batch is retried per document: only the document whose batch fails is told so', async () => {
    const store = new MemoryStore();
    const { commits } = setup(store);
    const appendMany = store.appendMany.bind(store);
    store.appendMany = async (entries) => {
      if (entries.some((e) => e.docName === 'project/bad')) throw new Error('disk full for this one (simulated)');
      return appendMany(entries);
    };
    const good = new Source('project/good');
    const bad = new Source('project/bad');
    good.add('m1', commits);
    bad.add('m2', commits);
    await commits.flush();
    expect(good.storedSeqs).toEqual([[1]]);
    expect(good.failures).toEqual([]);
    expect(bad.storedSeqs).toEqual([]);
    expect(bad.failures).toHaveLength(1);
    expect(await store.listDocuments()).toEqual(['project/good']);
  });

  it('flush with nothing scheduled resolves at once', async () => {
    const { store, commits } = setup();
    await commits.flush();
    expect(store.batches).toEqual([]);
  });

  it("another document's updates do not wait for a batch in flight; the same document's wait for it and stay in order", async () => {
    const { store, started, release } = gatedStore();
    const { commits } = setup(store);
    const a = new Source('project/a');
    const b = new Source('project/b');
    a.add('m1', commits);
    await turn(); // the first batch has taken a's m1 and waits at the gate
    a.add('m2', commits);
    b.add('m3', commits);
    await turn();
    // b's batch started beside a's; a's m2 waits for a's batch in flight
    expect(started).toEqual([['project/a'], ['project/b']]);
    release();
    await commits.flush();
    expect(started).toEqual([['project/a'], ['project/b'], ['project/a']]);
    expect(a.storedSeqs).toEqual([[1], [2]]);
    expect(b.storedSeqs).toEqual([[1]]);
    expect((await store.history('project/a')).map((r) => r.author)).toEqual(['m1', 'm2']);
  });

  it('at most MAX_BATCHES_IN_FLIGHT batches are written at once; the rest wait for a free slot and flush waits for them', async () => {
    const { store, started, release } = gatedStore();
    const { commits } = setup(store);
    const sources = Array.from({ length: MAX_BATCHES_IN_FLIGHT + 2 }, (_, i) => new Source(`project/${i}`));
    for (const source of sources) {
      source.add('m1', commits);
      await turn();
    }
    expect(started).toHaveLength(MAX_BATCHES_IN_FLIGHT);
    release();
    await commits.flush();
    // the two that waited for a slot went together in one batch
    expect(started.slice(MAX_BATCHES_IN_FLIGHT)).toEqual([sources.slice(MAX_BATCHES_IN_FLIGHT).map((s) => s.name)]);
    expect(sources.map((s) => s.storedSeqs)).toEqual(sources.map(() => [[1]]));
  });

  it('a failed batch is retried before anything later of the same document is written', async () => {
    const store = new MemoryStore();
    const { commits } = setup(store);
    const appendMany = store.appendMany.bind(store);
    let failures = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    store.appendMany = async (entries) => {
      await gate;
      // the first batch (a and b together) fails; every retry succeeds
      if (failures === 0 && entries.length > 1) {
        failures += 1;
        throw new Error('connection dropped (simulated)');
      }
      return appendMany(entries);
    };
    const a = new Source('project/a');
    const b = new Source('project/b');
    a.add('m1', commits);
    b.add('m2', commits);
    await turn();
    a.add('m3', commits); // waits for a's failed batch and its retry
    release();
    await commits.flush();
    expect(failures).toBe(1);
    expect((await store.history('project/a')).map((r) => r.author)).toEqual(['m1', 'm3']);
    expect(a.storedSeqs).toEqual([[1], [2]]);
    expect(b.storedSeqs).toEqual([[1]]);
  });

  it('the cluster is told of a batch once, with every document of it, seqs in order, before the documents hear of it', async () => {
    const store = new MemoryStore();
    const told: string[][] = [];
    const heard: string[] = [];
    const commits = new GroupCommit(store, createMetrics(), createSilentLogger(), (updates) => {
      told.push(updates.map((u) => `${u.docName}#${u.seq}:${u.author}`));
    });
    const a = new Source('project/a');
    const b = new Source('project/b');
    const stored = a.stored.bind(a);
    a.stored = (results) => {
      heard.push(`told ${told.length}`);
      stored(results);
    };
    a.add('m1', commits);
    b.add('m2', commits);
    a.add('m3', commits);
    await commits.flush();
    expect(told).toEqual([['project/a#1:m1', 'project/a#2:m3', 'project/b#1:m2']]);
    expect(heard).toEqual(['told 1']);
  });
});
