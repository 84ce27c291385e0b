import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPending } from '../../../server/sync/pending-structs';

/** Two edits by one client: the second builds on the first, so it cannot be integrated without it. */
function twoEdits() {
  const author = new Y.Doc();
  const before = Y.encodeStateVector(author);
  author.getMap('project').set('name', '智能装备产业园');
  const first = Y.encodeStateAsUpdate(author, before);
  const middle = Y.encodeStateVector(author);
  author.getMap('project').set('stage', 'started');
  const second = Y.encodeStateAsUpdate(author, middle);
  return { author, first, second };
}

describe('dropPending (writes Yjs internals: this fails first when an upgrade changes them)', () => {
  it('a document still keeps pendingStructs and pendingDs on its store, empty at first', () => {
    const doc = new Y.Doc();
    expect(doc.store).toHaveProperty('pendingStructs', null);
    expect(doc.store).toHaveProperty('pendingDs', null);
    expect(dropPending(doc)).toBe(false);
  });

  it('an update whose dependency is missing waits in pendingStructs; dropped, it is gone for good', () => {
    const { first, second } = twoEdits();
    const control = new Y.Doc();
    Y.applyUpdate(control, second);
    expect(control.store.pendingStructs).not.toBeNull();
    // left alone, Yjs integrates the held-back edit once its dependency arrives
    Y.applyUpdate(control, first);
    expect(control.getMap('project').toJSON()).toEqual({ name: '智能装备产业园', stage: 'started' });

    const server = new Y.Doc();
    Y.applyUpdate(server, second);
    expect(server.getMap('project').toJSON()).toEqual({});
    expect(dropPending(server)).toBe(true);
    expect(server.store.pendingStructs).toBeNull();
    expect(dropPending(server)).toBe(false);
    Y.applyUpdate(server, first);
    expect(server.getMap('project').toJSON()).toEqual({ name: '智能装备产业园' });
    // a sync from it sends only what was integrated, not the dropped edit
    const onlyFirst = new Y.Doc();
    Y.applyUpdate(onlyFirst, first);
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(onlyFirst));
  });

  it('a deletion of an item the document lacks waits in pendingDs; dropped, it no longer applies', () => {
    const author = new Y.Doc();
    author.getMap('project').set('name', '城东污水处理厂');
    const insert = Y.encodeStateAsUpdate(author);
    const before = Y.encodeStateVector(author);
    author.getMap('project').delete('name');
    const deletion = Y.encodeStateAsUpdate(author, before);

    const server = new Y.Doc();
    Y.applyUpdate(server, deletion);
    expect(server.store.pendingDs).not.toBeNull();
    expect(dropPending(server)).toBe(true);
    expect(server.store.pendingDs).toBeNull();
    Y.applyUpdate(server, insert);
    expect(server.getMap('project').toJSON()).toEqual({ name: '城东污水处理厂' });
  });
});
