import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocHost, type DocHost } from '../../client/doc-host';
import { createRelay, relayChannelName } from '../../client/relay';
import { readWorkspace, addUnit } from '../../shared/model';
import { alice, flush, SERVER, waitFor, workspaceUpdate, WS } from './helpers';

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
  readWorkspace(doc).units.flatMap((u) => (u.ok ? [u.value.name] : [])).sort();

describe('BroadcastChannel relay between pages', () => {
  it('delivers an edit made in one page to another at once, with no server', async () => {
    const popup = offlineHost('scope-a').open('ws/ws1');
    const board = offlineHost('scope-a').open('ws/ws1');
    Y.applyUpdate(popup.doc, workspaceUpdate());
    await waitFor(() => readWorkspace(board.doc).meta.ok, 'workspace to reach the board');

    const r = addUnit(popup.doc, { name: '高新区', kind: 'county', headId: null }, { ...alice, at: alice.at + 1 });
    expect(r.ok).toBe(true);
    await waitFor(() => unitNames(board.doc).includes('高新区'), 'unit to reach the board');
    expect(popup.status.getSnapshot().state).toBe('offline');
  });

  it('does not echo: a relayed edit is posted once and never sent back', async () => {
    const a = offlineHost('scope-b').open('ws/ws1');
    const b = offlineHost('scope-b').open('ws/ws1');
    await flush(30); // the opening state-vector exchange is over
    const listener = new BroadcastChannel(relayChannelName('scope-b', 'ws/ws1'));
    const posted: string[] = [];
    listener.onmessage = (event: MessageEvent<{ t: string }>) => posted.push(event.data.t);

    Y.applyUpdate(a.doc, workspaceUpdate());
    await waitFor(() => readWorkspace(b.doc).meta.ok, 'b to get the update');
    await flush(50);
    // One post by A; B applied it with the relay origin and posted nothing (an echo would make two or more).
    expect(posted).toEqual(['update']);
    listener.close();
  });

  it('keeps workspaces and documents apart: another scope or another document hears nothing', async () => {
    const a = offlineHost('scope-c').open('ws/ws1');
    const otherScope = offlineHost('scope-d').open('ws/ws1');
    const otherDoc = offlineHost('scope-c').open('ws/ws1/summary');
    Y.applyUpdate(a.doc, workspaceUpdate());
    await flush(50);
    expect(readWorkspace(otherScope.doc).meta.ok).toBe(false);
    expect(readWorkspace(otherDoc.doc).meta.ok).toBe(false);
  });

  it('brings a page opened later up to date with what the open pages hold', async () => {
    const first = offlineHost('scope-e').open('ws/ws1');
    Y.applyUpdate(first.doc, workspaceUpdate());
    const late = offlineHost('scope-e').open('ws/ws1');
    await waitFor(() => readWorkspace(late.doc).meta.ok, 'late page to catch up');
  });

  it('ignores garbage on the channel and updates that do not apply', async () => {
    const doc = new Y.Doc();
    const errors: unknown[] = [];
    const relay = createRelay(relayChannelName('scope-f', 'ws/ws1'), doc, { onRejected: (e) => errors.push(e) });
    const rogue = new BroadcastChannel(relayChannelName('scope-f', 'ws/ws1'));
    rogue.postMessage('hello');
    rogue.postMessage({ t: 'update', update: 'not bytes' });
    rogue.postMessage({ t: 'update', update: new Uint8Array([255, 255, 255, 1, 2, 3]) });
    await waitFor(() => errors.length === 1, 'the broken update to be reported');
    expect(doc.share.size).toBe(0);
    rogue.close();
    relay.destroy();
  });
});
