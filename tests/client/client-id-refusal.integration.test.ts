import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDocHost, type DocHost } from '../../client/doc-host';
import { syncStatusText } from '../../components/common/sync-status-badge';
import { pageMessages } from '../../shared/i18n/extension-pages';
import { CloseCode, CloseReason } from '../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../shared/protocol/encode-message';
import { SyncMessageType } from '../../shared/protocol/messages';
import { metricValue, rawSocket, startServer, type TestServer } from '../server/sync/harness';
import { MemoryStore } from '../server/sync/memory-store';
import { WS } from './helpers';

const DOC = 'project/p1';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function host(server: TestServer, token: string): DocHost {
  const h = createDocHost({
    serverUrl: server.url.replace(/^ws/, 'http'),
    token,
    scope: `${server.url}|ws1`,
    persistence: false,
    relay: false,
    connect: false,
    WebSocketPolyfill: WS,
    maxBackoffTime: 50,
  });
  cleanups.push(() => h.destroy());
  return h;
}

/** Another member writes under `client` first (the squat the server can no longer be tricked into: see the doc). */
async function squat(server: TestServer, store: MemoryStore, client: number): Promise<void> {
  const forged = new Y.Doc();
  forged.clientID = client;
  forged.getMap('project').set('stage', '竣工');
  const raw = await rawSocket(server.url, DOC, 'zhang:member');
  cleanups.push(() => raw.ws.terminate());
  raw.ws.send(encodeSyncMessage(SyncMessageType.update, Y.encodeStateAsUpdate(forged)));
  await vi.waitFor(() => expect(store.updates.get(DOC)?.length).toBe(1));
}

describe('a browser whose unsent edits carry a client id that is another member’s (4422 client-id-foreign)', () => {
  it('stops, keeps its edits, says why in words, and sends them again only when asked', async () => {
    const store = new MemoryStore();
    const server = await startServer({ store });
    cleanups.push(() => server.stop());
    const h = host(server, 'wang:member');
    const doc = h.open(DOC);
    // edits made offline, under the client id the page's document was given: two items (clocks 0 and 1), one more
    // than the squat wrote (where the two overlap, the server already holds the squatter's item: see the doc)
    doc.doc.transact(() => {
      doc.doc.getMap('project').set('owner', '王工');
      doc.doc.getMap('project').set('phone', '0871-1234567');
    });
    await squat(server, store, doc.doc.clientID);

    h.connect();
    await vi.waitFor(() => expect(doc.status.getSnapshot().state).toBe('refused'));
    expect(doc.status.getSnapshot()).toEqual({
      state: 'refused',
      unsynced: 1,
      closeCode: CloseCode.changeRefused,
      closeReason: CloseReason.clientIdForeign,
    });
    expect(await metricValue(server.metrics, 'guatu_sync_rejected_total', { reason: 'client-id-foreign' })).toBe(1);
    // nothing lost, nothing stored under the wrong name
    expect(doc.doc.getMap('project').get('owner')).toBe('王工');
    expect(store.updates.get(DOC)?.map((row) => row.author)).toEqual(['zhang']);

    // the page says it in words (not the rights refusal 4422 usually means), in both languages
    const say = (locale: 'zh-CN' | 'en') => (key: Parameters<typeof pageMessages.t>[1], params?: Record<string, string | number>) =>
      pageMessages.t(locale, key, params);
    const zh = syncStatusText(doc.status.getSnapshot(), say('zh-CN'));
    expect(zh).toBe(pageMessages.t('zh-CN', 'sync.stopped.clientIdForeign'));
    expect(zh).not.toBe(pageMessages.t('zh-CN', 'sync.close.changeRefused'));
    expect(syncStatusText(doc.status.getSnapshot(), say('en'))).toContain('another member');

    // asked again (the user's 重新连接), it tries once more and is refused the same way: no loop in between
    h.connect();
    await vi.waitFor(async () => expect(await metricValue(server.metrics, 'guatu_sync_rejected_total', { reason: 'client-id-foreign' })).toBe(2));
    await vi.waitFor(() => expect(doc.status.getSnapshot().closeReason).toBe(CloseReason.clientIdForeign));
    expect(store.updates.get(DOC)?.map((row) => row.author)).toEqual(['zhang']);
  });

  it('a 4422 for a rights refusal keeps its own words (the reason is not mistaken for a client-id one)', () => {
    const status = { state: 'refused' as const, unsynced: 1, closeCode: CloseCode.changeRefused };
    const say = (key: Parameters<typeof pageMessages.t>[1], params?: Record<string, string | number>) => pageMessages.t('zh-CN', key, params);
    expect(syncStatusText(status, say)).toBe(pageMessages.t('zh-CN', 'sync.close.changeRefused'));
    expect(syncStatusText({ ...status, closeReason: CloseReason.clientIdsTooMany }, say)).toBe(pageMessages.t('zh-CN', 'sync.stopped.clientIdsTooMany'));
  });
});
