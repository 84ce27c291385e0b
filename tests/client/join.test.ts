import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openGuatuDb, readProjection, type GuatuDb } from '../../client/db';
import { createDocHost } from '../../client/doc-host';
import { isExpired, JOIN_FAILURE_MESSAGE, joinWorkspace, leaveWorkspace, listWorkspaces, type JoinFailure } from '../../client/join';
import { localDocumentName } from '../../client/local-documents';
import { normalizeServerUrl, wsUrlOf } from '../../client/server-url';
import { t } from '../../shared/i18n';
import { flush, freshName, workspaceUpdate, WS } from './helpers';

const dbs: GuatuDb[] = [];
function newDb(): GuatuDb {
  const db = openGuatuDb(freshName());
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

interface Call {
  url: string;
  body: unknown;
}

/** A fetch that answers every request with `status` and `body`, recording what was asked. */
function fakeFetch(status: number, body: unknown, calls: Call[] = []): typeof fetch {
  return async (input, init) => {
    calls.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
}

const OK_ANSWER = { token: 'jwt-1', workspaceId: 'ws1', memberId: 'alice', role: 'member', expiresAt: 1_900_000_000_000 };
const errorAnswer = (code: string) => ({ error: { code, message: '…' } });

describe('joinWorkspace', () => {
  it('posts the code to /api/join and stores the workspace with its token', async () => {
    const db = newDb();
    const calls: Call[] = [];
    const r = await joinWorkspace(db, ' 127.0.0.1:8080/ ', ' K7Q2-MX4P ', { fetch: fakeFetch(200, OK_ANSWER, calls), now: () => 1_000 });
    expect(calls).toEqual([{ url: 'http://127.0.0.1:8080/api/join', body: { code: 'K7Q2-MX4P' } }]);
    expect(r).toEqual({
      ok: true,
      workspace: {
        key: 'http://127.0.0.1:8080|ws1',
        serverUrl: 'http://127.0.0.1:8080',
        workspaceId: 'ws1',
        workspaceName: '',
        memberId: 'alice',
        memberName: '',
        role: 'member',
        token: 'jwt-1',
        expiresAt: 1_900_000_000_000,
        joinedAt: 1_000,
      },
    });
    expect((await listWorkspaces(db)).map((w) => w.key)).toEqual(['http://127.0.0.1:8080|ws1']);
  });

  const failures: Array<[string, () => typeof fetch, JoinFailure]> = [
    ['an unknown code (404)', () => fakeFetch(404, errorAnswer('invite.unknown')), 'unknownCode'],
    ['a used code (409)', () => fakeFetch(409, errorAnswer('invite.used')), 'usedCode'],
    ['an expired code (410)', () => fakeFetch(410, errorAnswer('invite.expired')), 'expiredCode'],
    ['a malformed code (400)', () => fakeFetch(400, errorAnswer('bad_request')), 'unknownCode'],
    ['a server error (500)', () => fakeFetch(500, errorAnswer('internal')), 'server'],
    ['an error page that is not JSON', () => fakeFetch(502, '<html>Bad Gateway</html>'), 'server'],
    ['a 200 from something that is not a Guatu server', () => fakeFetch(200, { hello: 'world' }), 'server'],
    ['no answer at all', () => async () => Promise.reject(new TypeError('Failed to fetch')), 'unreachable'],
  ];
  for (const [what, fetch, reason] of failures) {
    it(`says ${reason} for ${what} and stores nothing`, async () => {
      const db = newDb();
      expect(await joinWorkspace(db, 'http://127.0.0.1:8080', 'K7Q2-MX4P', { fetch: fetch() })).toEqual({ ok: false, reason });
      expect(await listWorkspaces(db)).toEqual([]);
    });
  }

  it('refuses a bad address or an empty code without asking any server', async () => {
    const db = newDb();
    const calls: Call[] = [];
    const fetch = fakeFetch(200, OK_ANSWER, calls);
    expect(await joinWorkspace(db, 'ftp://x', 'K7Q2', { fetch })).toEqual({ ok: false, reason: 'badAddress' });
    expect(await joinWorkspace(db, '   ', 'K7Q2', { fetch })).toEqual({ ok: false, reason: 'badAddress' });
    expect(await joinWorkspace(db, 'http://127.0.0.1:8080', '  ', { fetch })).toEqual({ ok: false, reason: 'unknownCode' });
    expect(calls).toEqual([]);
  });

  it('has a message in both languages for every failure', () => {
    for (const key of Object.values(JOIN_FAILURE_MESSAGE)) {
      expect(t('zh-CN', key)).not.toBe(key);
      expect(t('en', key)).not.toBe(key);
    }
    expect(t('zh-CN', JOIN_FAILURE_MESSAGE.usedCode)).toContain('已被使用');
  });

  it('joining again as another member replaces the token and drops the old checklist', async () => {
    const db = newDb();
    await joinWorkspace(db, 'http://127.0.0.1:8080', 'A', { fetch: fakeFetch(200, OK_ANSWER) });
    const key = 'http://127.0.0.1:8080|ws1';
    await db.projections.put({ key, asOf: '2026-03-10', memberId: 'alice', items: [], overdue: 0, targets: [], projects: [], updatedAt: 1 });
    await joinWorkspace(db, 'http://127.0.0.1:8080', 'B', { fetch: fakeFetch(200, { ...OK_ANSWER, memberId: 'bob', token: 'jwt-2' }) });
    const [ws] = await listWorkspaces(db);
    expect([ws?.memberId, ws?.token]).toEqual(['bob', 'jwt-2']);
    expect(await readProjection(db, key)).toBeNull();
  });
});

describe('leaveWorkspace', () => {
  it('forgets the token, the checklist, the notification records and the local documents of that workspace only', async () => {
    const db = newDb();
    await joinWorkspace(db, 'http://127.0.0.1:8080', 'A', { fetch: fakeFetch(200, OK_ANSWER) });
    await joinWorkspace(db, 'http://127.0.0.1:8080', 'B', { fetch: fakeFetch(200, { ...OK_ANSWER, workspaceId: 'ws2' }) });
    const key = 'http://127.0.0.1:8080|ws1';
    const kept = 'http://127.0.0.1:8080|ws2';
    await db.projections.put({ key, asOf: '2026-03-10', memberId: 'alice', items: [], overdue: 0, targets: [], projects: [], updatedAt: 1 });
    await db.notifications.bulkPut([
      { id: `${key}|report|p1:2026-02`, notifiedAt: 1 },
      { id: `${kept}|report|p1:2026-02`, notifiedAt: 1 },
    ]);
    for (const scope of [key, kept]) {
      const host = createDocHost({ serverUrl: 'http://127.0.0.1:8080', token: 't', scope, connect: false, relay: false, WebSocketPolyfill: WS });
      const h = host.open('ws/ws1');
      await h.whenLocal;
      Y.applyUpdate(h.doc, workspaceUpdate());
      await flush(30);
      host.destroy();
    }
    await flush(30);

    await leaveWorkspace(db, key);
    expect((await listWorkspaces(db)).map((w) => w.key)).toEqual([kept]);
    expect(await readProjection(db, key)).toBeNull();
    expect((await db.notifications.toArray()).map((n) => n.id)).toEqual([`${kept}|report|p1:2026-02`]);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(localDocumentName(key, 'ws/ws1'));
    expect(names).toContain(localDocumentName(kept, 'ws/ws1'));
  });
});

describe('token expiry and addresses', () => {
  it('a token is expired from its expiry instant on', () => {
    expect(isExpired({ expiresAt: 1_000 }, 999)).toBe(false);
    expect(isExpired({ expiresAt: 1_000 }, 1_000)).toBe(true);
  });

  it('normalises what people type as a server address', () => {
    expect(normalizeServerUrl('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeServerUrl('https://guatu.example.cn/sync/')).toBe('https://guatu.example.cn/sync');
    expect(normalizeServerUrl('ws://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeServerUrl('wss://guatu.example.cn')).toBe('https://guatu.example.cn');
    expect(normalizeServerUrl('ftp://x')).toBeNull();
    expect(normalizeServerUrl('http://user:pw@x')).toBeNull();
    expect(normalizeServerUrl('not a url at all')).toBeNull();
    expect(wsUrlOf('https://guatu.example.cn/sync')).toBe('wss://guatu.example.cn/sync');
    expect(wsUrlOf('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080');
  });
});
