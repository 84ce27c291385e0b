import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { digestFingerprint, keyFingerprint, parseDigest } from '../../../server/audit/chain-digest';
import { anchorSource } from '../../../server/audit/anchor-source';
import { recordLatestDigest } from '../../../server/audit/latest-digest';
import type { TokenService } from '../../../server/auth/tokens';
import { runCli } from '../../../server/cli/run-cli';
import { createMetrics } from '../../../server/metrics';
import { appRoutes, type AppRoutesOptions } from '../../../server/rest/app-routes';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { HistoryAnchorSchema } from '../../../shared/schema/history-anchor';
import { testConfig } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';
import { closeServed, serveHttp } from './serve-http';

const T0 = Date.UTC(2026, 11, 4, 16, 1); // 2026-12-05 00:01 in Asia/Shanghai
let dir: string;
let remove: () => void;
let archived: Set<string>;

beforeEach(async () => {
  ({ dir, remove } = makeTempDir('anchor-route'));
  archived = new Set();
  const store = openSqliteStore({ path: join(dir, 'guatu.sqlite') });
  try {
    const doc = new Y.Doc();
    doc.getMap('project').set('name', '城东污水处理厂');
    await store.append('ws/ws1/project/p1', Y.encodeStateAsUpdate(doc), 'm-li', T0 - 60_000);
  } finally {
    await store.close();
  }
});
afterEach(async () => {
  await closeServed();
  remove();
});

/** Tokens are "<workspace>:<member>". */
const tokens: TokenService = {
  async issue() {
    return null;
  },
  async verify(token) {
    const [workspaceId, memberId] = token?.split(':') ?? [];
    if (!workspaceId || !memberId) return { ok: false, failure: 'malformed' };
    return { ok: true, principal: { workspaceId, memberId, role: 'member', tokenId: token ?? '' }, expiresAt: T0 + 86_400_000 };
  },
};

async function serve(extra: Partial<AppRoutesOptions> = {}): Promise<string> {
  return serveHttp(
    appRoutes({
      tokens,
      documents: { getDocument: async () => ({ doc: new Y.Doc(), release: () => undefined }) as never },
      store: openSqliteStore({ path: join(dir, 'guatu.sqlite') }),
      metrics: createMetrics(),
      stats: () => ({ documentsLoaded: 0, connections: 0 }) as never,
      lookupMember: async (_ws, memberId) => ({ role: 'member', archived: archived.has(memberId) }),
      startedAt: T0,
      now: () => T0,
      anchor: { source: anchorSource(dir) },
      ...extra,
    }),
  );
}

async function anchor(base: string, token: string | null, workspace = 'ws1') {
  const res = await fetch(`${base}/api/workspaces/${workspace}/history-anchor`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** `npm run cli -- digest <file>` on the test's DATA_DIR; the digest file's text and what the CLI printed. */
async function cliDigest(...extra: string[]): Promise<{ code: number; out: string; written: Map<string, string> }> {
  const out: string[] = [];
  const written = new Map<string, string>();
  const code = await runCli(['digest', ...extra], testConfig(dir), {
    now: () => T0,
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    readFile: async () => '',
    writeFile: async (path, text) => void written.set(path, text),
  });
  return { code, out: out.join('\n'), written };
}

describe('GET /api/workspaces/:id/history-anchor (#13 anchored)', () => {
  it('says plainly that nothing was signed yet: no digest, no key', async () => {
    const base = await serve();
    const answer = await anchor(base, 'ws1:m-li');
    expect(answer).toEqual({ status: 200, body: { workspaceId: 'ws1', latest: null, key: null } });
    expect(HistoryAnchorSchema.safeParse(answer.body).success).toBe(true);
    // and so does the CLI, making no key for the asking
    const shown = await cliDigest('--public-key');
    expect(shown).toMatchObject({ code: 0, out: expect.stringContaining('尚未签署过摘要') });
    expect(shown.out).toContain('尚未生成签名密钥');
    expect((await anchor(base, 'ws1:m-li')).body).toEqual({ workspaceId: 'ws1', latest: null, key: null });
  });

  it('gives the fingerprint, time and key of what `cli digest` signed, read from DATA_DIR', async () => {
    const base = await serve();
    expect((await anchor(base, 'ws1:m-li')).body).toMatchObject({ latest: null, key: null }); // read, and kept, before
    const signed = await cliDigest('out.json');
    expect(signed.code).toBe(0);
    const digest = parseDigest(signed.written.get('out.json') ?? '');
    if (!digest) throw new Error('the CLI wrote no digest');
    const answer = await anchor(base, 'ws1:m-li');
    expect(answer.status).toBe(200);
    const body = HistoryAnchorSchema.parse(answer.body);
    expect(body.latest).toEqual({
      fingerprint: digestFingerprint(digest),
      at: T0,
      signedAt: '2026-12-05T00:01:00+08:00',
      keyFingerprint: keyFingerprint(digest.publicKey),
    });
    expect(body.key).toEqual({ fingerprint: keyFingerprint(digest.publicKey), publicKey: digest.publicKey });
    // the very string the CLI printed for that digest and key
    expect(signed.out).toContain(body.latest?.fingerprint);
    expect(signed.out).toContain(body.key?.fingerprint);
    // `digest --public-key` prints the same, signing nothing
    const shown = await cliDigest('--public-key');
    expect(shown.code).toBe(0);
    expect(shown.written.size).toBe(0);
    expect(shown.out).toContain(`${body.latest?.fingerprint}（2026-12-05 00:01 签署）`);
    expect(shown.out).toContain(digest.publicKey.trim());
  });

  it('keeps the latest when an older digest is recorded after it', async () => {
    const base = await serve();
    const signed = parseDigest((await cliDigest('new.json')).written.get('new.json') ?? '');
    if (!signed) throw new Error('no digest');
    const older = { ...signed, at: signed.at - 86_400_000 };
    expect(digestFingerprint(older)).not.toBe(digestFingerprint(signed));
    await recordLatestDigest(dir, older);
    expect(HistoryAnchorSchema.parse((await anchor(base, 'ws1:m-li')).body).latest).toMatchObject({ fingerprint: digestFingerprint(signed), at: T0 });
  });

  it("refuses the unauthenticated, another workspace's member and an archived member", async () => {
    const base = await serve();
    await cliDigest('out.json');
    expect((await anchor(base, null)).status).toBe(401);
    expect((await anchor(base, 'ws2:m-zhou')).status).toBe(403);
    archived.add('m-gone');
    expect((await anchor(base, 'ws1:m-gone')).status).toBe(403);
    const refused = await anchor(base, 'ws2:m-zhou');
    expect(JSON.stringify(refused.body)).not.toMatch(/[0-9A-F]{4}-[0-9A-F]{4}/);
  });

  it('limits one member to its per-minute budget', async () => {
    const base = await serve({ anchor: { source: anchorSource(dir), callerLimits: { inFlight: 2, perMinute: 1, burst: 3 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await anchor(base, 'ws1:m-li')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await anchor(base, 'ws1:m-wang')).status).toBe(200);
  });
});
