import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDocHost } from '../../client/doc-host';
import { deleteLocalDocuments, localDocumentName } from '../../client/local-documents';
import { addUnit } from '../../shared/model/workspace-write';
import { readWorkspace } from '../../shared/model/workspace-read';
import { alice, flush, SERVER, workspaceUpdate, WS } from './helpers';

const hostFor = (scope: string) => createDocHost({ serverUrl: SERVER, token: 't', scope, connect: false, relay: false, WebSocketPolyfill: WS });

const unitNames = (doc: Y.Doc): string[] => readWorkspace(doc).units.flatMap((u) => (u.ok ? [u.value.name] : []));

describe('documents kept in IndexedDB', () => {
  it('a document reopened after the page closed has every edit made offline', async () => {
    const first = hostFor('persist-a');
    const handle = first.open('ws/ws1');
    await handle.whenLocal;
    Y.applyUpdate(handle.doc, workspaceUpdate());
    expect(addUnit(handle.doc, { name: '经开区', kind: 'county', headId: null }, alice).ok).toBe(true);
    await flush(50); // y-indexeddb writes each update in its own transaction
    first.destroy();

    const second = hostFor('persist-a');
    const again = second.open('ws/ws1');
    await again.whenLocal;
    expect(readWorkspace(again.doc).meta.ok).toBe(true);
    expect(unitNames(again.doc)).toEqual(['经开区']);
    second.destroy();
  });

  it('edits made offline still count as unsynced after the page is closed and opened again offline (#9 §6)', async () => {
    const first = hostFor('persist-unsynced');
    const handle = first.open('ws/ws1');
    await handle.whenLocal;
    Y.applyUpdate(handle.doc, workspaceUpdate(), { source: 'remote' });
    expect(addUnit(handle.doc, { name: '经开区', kind: 'county', headId: null }, alice).ok).toBe(true);
    expect(addUnit(handle.doc, { name: '高新区', kind: 'county', headId: null }, alice).ok).toBe(true);
    await vi.waitFor(() => expect(first.status.getSnapshot()).toEqual({ state: 'offline', unsynced: 2 }));
    await flush(50);
    first.destroy();

    const second = hostFor('persist-unsynced');
    const again = second.open('ws/ws1');
    await again.whenLocal;
    await vi.waitFor(() => expect(second.status.getSnapshot()).toEqual({ state: 'offline', unsynced: 2 }));
    // a third edit in the reopened page adds to them, and the count survives another reopen
    expect(addUnit(again.doc, { name: '新城区', kind: 'county', headId: null }, alice).ok).toBe(true);
    expect(second.status.getSnapshot().unsynced).toBe(3);
    await flush(50);
    second.destroy();

    const third = hostFor('persist-unsynced');
    await third.open('ws/ws1').whenLocal;
    await vi.waitFor(() => expect(third.status.getSnapshot()).toEqual({ state: 'offline', unsynced: 3 }));
    third.destroy();
  });

  it('a second open shares the document, and it stays open until the last release', async () => {
    const host = hostFor('persist-b');
    const one = host.open('ws/ws1');
    const two = host.open('ws/ws1');
    expect(two.doc).toBe(one.doc);
    one.release();
    one.release(); // a second release of the same handle does not count twice
    expect(host.open('ws/ws1').doc).toBe(two.doc);
    host.destroy();
  });

  it('the same document name under another workspace key is another database', async () => {
    expect(localDocumentName('http://a|ws1', 'ws/ws1')).not.toBe(localDocumentName('http://b|ws1', 'ws/ws1'));
    const a = hostFor('persist-c');
    const h = a.open('ws/ws1');
    await h.whenLocal;
    Y.applyUpdate(h.doc, workspaceUpdate());
    await flush(50);
    a.destroy();

    const b = hostFor('persist-d');
    const other = b.open('ws/ws1');
    await other.whenLocal;
    expect(readWorkspace(other.doc).meta.ok).toBe(false);
    b.destroy();
  });

  it("deleting a workspace's local documents removes only that workspace's", async () => {
    for (const scope of ['persist-e|ws1', 'persist-e|ws10']) {
      const host = hostFor(scope);
      const h = host.open('ws/x');
      await h.whenLocal;
      Y.applyUpdate(h.doc, workspaceUpdate());
      await flush(30);
      host.destroy();
    }
    await flush(30);
    expect(await deleteLocalDocuments('persist-e|ws1')).toBe(1);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(localDocumentName('persist-e|ws1', 'ws/x'));
    expect(names).toContain(localDocumentName('persist-e|ws10', 'ws/x'));
  });
});
