import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import type { AppendRequest, AppendedUpdate } from '../../../server/storage/document-store';
import { GroupCommit, type CommitSource } from '../../../server/sync/group-commit';
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
});
