import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDocHost, type DocHost } from '../../client/doc-host';
import { createRelay, relayChannelName } from '../../client/relay';
import { readWorkspace } from '../../shared/model/workspace-read';
import { addUnit } from '../../shared/model/workspace-write';
import { alice, flush, SERVER, workspaceUpdate, WS } from './helpers';

const hosts: DocHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.destroy();
});

/** A host that never reaches a server and keeps nothing on disk: only the relay connects it to the others. */
function offlineHost(scope: string): DocHost {
  const host = createDocHost({ serverUrl: SERVER, token: 't', scope, connect: false, persistence: false, WebSocketPolyfill: WS });
  hosts.push(host);
  return host;
}

const unitNames = (doc: Y.Doc): string[] =>
  readWorkspace(doc)
    .units.flatMap((u) => (u.ok ? [u.value.name] : []))
    .sort();

describe('BroadcastChannel relay between pages', () => {
  it('delivers an edit made in one page to another at once, with no server', async () => {
    const popup = offlineHost('scope-a').open('ws/ws1');
    const board = offlineHost('scope-a').open('ws/ws1');
    Y.applyUpdate(popup.doc, workspaceUpdate());
    await vi.waitFor(() => expect(readWorkspace(board.doc).meta.ok, 'workspace to reach the board').toBe(true));

    const r = addUnit(popup.doc, { name: '高新区', kind: 'county', headId: null }, { ...alice, at: alice.at + 1 });
    expect(r.ok).toBe(true);
    await vi.waitFor(() => expect(unitNames(board.doc)).toContain('高新区'));
    expect(popup.status.getSnapshot().state).toBe('offline');
  });

  it('does not echo: a relayed edit is posted once and never sent back', async () => {
    const a = offlineHost('scope-b').open('ws/ws1');
    const b = offlineHost('scope-b').open('ws/ws1');
    await flush(30); // the opening state-vector exchange is over
    const listener = new BroadcastChannel(relayChannelName('scope-b', 'ws/ws1'));
    const posted: string[] = [];
    const heard = new Y.Doc();
    listener.onmessage = (event: MessageEvent<{ t: string; update?: Uint8Array }>) => {
      posted.push(event.data.t);
      if (event.data.update instanceof Uint8Array) Y.applyUpdate(heard, event.data.update);
    };

    Y.applyUpdate(a.doc, workspaceUpdate());
    await vi.waitFor(() => expect(readWorkspace(b.doc).meta.ok, 'b to get the update').toBe(true));
    // B's own next edit is posted after anything B would have echoed: once the channel carries it, an echo would have
    // been heard too.
    expect(addUnit(b.doc, { name: '经开区', kind: 'county', headId: null }, { ...alice, at: alice.at + 1 }).ok).toBe(true);
    await vi.waitFor(() => expect(unitNames(heard)).toContain('经开区'));
    // One post by A, one by B for its own edit; B applied A's with the relay origin and posted nothing for it.
    expect(posted).toEqual(['update', 'update']);
    listener.close();
  });

  it('keeps workspaces and documents apart: another scope or another document hears nothing', async () => {
    const a = offlineHost('scope-c').open('ws/ws1');
    const sameDoc = offlineHost('scope-c').open('ws/ws1');
    const otherScope = offlineHost('scope-d').open('ws/ws1');
    const otherDoc = offlineHost('scope-c').open('ws/ws1/summary');
    Y.applyUpdate(a.doc, workspaceUpdate());
    // The relay is alive: the same document in the same workspace hears it; by then the others would have too.
    await vi.waitFor(() => expect(readWorkspace(sameDoc.doc).meta.ok).toBe(true));
    expect(readWorkspace(otherScope.doc).meta.ok).toBe(false);
    expect(readWorkspace(otherDoc.doc).meta.ok).toBe(false);
  });

  it('brings a page opened later up to date with what the open pages hold', async () => {
    const first = offlineHost('scope-e').open('ws/ws1');
    Y.applyUpdate(first.doc, workspaceUpdate());
    const late = offlineHost('scope-e').open('ws/ws1');
    await vi.waitFor(() => expect(readWorkspace(late.doc).meta.ok, 'late page to catch up').toBe(true));
  });

  it('ignores garbage on the channel and updates that do not apply', async () => {
    const doc = new Y.Doc();
    const errors: unknown[] = [];
    const relay = createRelay(relayChannelName('scope-f', 'ws/ws1'), doc, { onRejected: (e) => errors.push(e) });
    const rogue = new BroadcastChannel(relayChannelName('scope-f', 'ws/ws1'));
    rogue.postMessage('hello');
    rogue.postMessage({ t: 'update', update: 'not bytes' });
    rogue.postMessage({ t: 'update', update: new Uint8Array([255, 255, 255, 1, 2, 3]) });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(doc.share.size).toBe(0);
    rogue.close();
    relay.destroy();
  });
});
