import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appliedChange, type AppliedChange } from '../../../server/sync/applied-change';

/** Applies `update` to `doc` the way the room does and returns what the room's rules see. */
function applyAndRead(doc: Y.Doc, update: Uint8Array): AppliedChange | null {
  let seen: AppliedChange | null = null;
  const listener = (transaction: Y.Transaction): void => {
    seen = appliedChange(transaction);
  };
  doc.on('afterTransaction', listener);
  Y.applyUpdate(doc, update);
  doc.off('afterTransaction', listener);
  return seen;
}

describe('appliedChange', () => {
  it('names each top-level key with its value before and after, and values appended to arrays', () => {
    const client = new Y.Doc();
    client.getMap('project').set('name', '旧名');
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    client.transact(() => {
      client.getMap('project').set('name', '新名');
      client.getArray('activity').push([{ by: 'm1', at: 1 }]);
    });
    const change = applyAndRead(server, Y.encodeStateAsUpdate(client, sv))!;
    expect(change.keys).toEqual([{ map: 'project', key: 'name', before: '旧名', after: '新名' }]);
    expect(change.appended).toEqual([{ array: 'activity', values: [{ by: 'm1', at: 1 }] }]);
    expect(change.nested).toEqual([]);
  });

  it('a concurrent write that loses to the value already there is no change (its attribution is not the writer’s claim)', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    a.clientID = 2;
    b.clientID = 1; // the lower client id loses a concurrent write in Yjs
    a.getMap('project').set('updated', { by: 'leader', at: 1 });
    b.getMap('project').set('updated', { by: 'member', at: 2 });
    b.getMap('problems').set('q/raised', { by: 'member', at: 2 });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const change = applyAndRead(server, Y.encodeStateAsUpdate(b))!;
    expect(server.getMap('project').get('updated')).toEqual({ by: 'leader', at: 1 });
    expect(change.keys).toEqual([{ map: 'problems', key: 'q/raised', before: undefined, after: { by: 'member', at: 2 } }]);
  });

  it('reports shared types nested under a top-level name as foreign', () => {
    const client = new Y.Doc();
    client.getMap('members').set('x/role', new Y.Map());
    const change = applyAndRead(new Y.Doc(), Y.encodeStateAsUpdate(client))!;
    expect(change.nested).toEqual(['members']);
  });

  it('names entries deleted from an array the document held, with the fewest entries left after any of them', () => {
    const server = new Y.Doc();
    server.getArray('activity').push(Array.from({ length: 10 }, (_, i) => ({ by: 'm1', at: i })));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(client);
    client.transact(() => {
      const activity = client.getArray('activity');
      activity.delete(2, 3); // entries 2, 3, 4: five are left after the last of them, and the one appended below
      activity.push([
        { by: 'm1', at: 10 },
        { by: 'm1', at: 11 },
      ]);
      activity.delete(activity.length - 1, 1); // appended and deleted in the same update: the document never held it
    });
    const change = applyAndRead(server, Y.encodeStateAsUpdate(client, sv))!;
    expect(change.removed).toEqual([{ array: 'activity', entries: 3, fewestLater: 6 }]);
    expect(change.appended).toEqual([{ array: 'activity', values: [{ by: 'm1', at: 10 }] }]);
    expect(server.getArray('activity').length).toBe(8);
  });
});
