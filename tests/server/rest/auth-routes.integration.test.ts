import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { authRoutes, type AuthRoutesOptions } from '../../../server/rest/auth-routes';
import { answerWrongMethods } from '../../../server/rest/http-app';
import { DAY, SECOND, START, joinOrThrow, world, type World } from '../auth/fixtures';
import { closeServed, serveHttp } from './serve-http';

afterEach(closeServed);

/** The auth routes on a real socket (port 0); anything they do not serve gets Hono's plain 404. */
async function serve(w: World, bodyLimitBytes?: number, extra: Partial<AuthRoutesOptions> = {}): Promise<string> {
  const routes = authRoutes({ invites: w.auth.invites, tokens: w.auth.tokens, bodyLimitBytes, ...extra });
  answerWrongMethods(routes);
  return serveHttp(routes);
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

describe('POST /api/join', () => {
  it('exchanges a code for a token', async () => {
    const w = await world();
    const base = await serve(w);
    const r = await post(`${base}/api/join`, JSON.stringify({ code: w.adminCode }));
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ token: expect.any(String), workspaceId: w.workspaceId, memberId: w.adminId, role: 'admin', expiresAt: START + 30 * DAY });
  });

  it('answers unknown 404, used 409, expired 410, in Chinese by default and English on request', async () => {
    const w = await world();
    const base = await serve(w);
    const unknown = await post(`${base}/api/join`, JSON.stringify({ code: 'ZZZZ-ZZZZ' }));
    expect(unknown).toEqual({ status: 404, json: { error: { code: 'invite.unknown', message: '邀请码不存在，请核对后重新输入' } } });

    await post(`${base}/api/join`, JSON.stringify({ code: w.adminCode }));
    const used = await post(`${base}/api/join`, JSON.stringify({ code: w.adminCode }), { 'accept-language': 'en-US,en;q=0.9' });
    expect(used).toEqual({
      status: 409,
      json: { error: { code: 'invite.used', message: 'This invite code has already been used; ask the project office for a new one' } },
    });

    const late = await w.auth.invites.issueInvite(w.workspaceId, { role: 'member', memberId: 'm2' }, w.adminId);
    w.clock.advance(8 * DAY);
    const expired = await post(`${base}/api/join`, JSON.stringify({ code: late?.code }));
    expect(expired.status).toBe(410);
    expect(expired.json).toMatchObject({ error: { code: 'invite.expired' } });
  });

  it('stops an address that keeps guessing codes (429 with Retry-After) and lets it try again later', async () => {
    const w = await world();
    let now = START;
    const base = await serve(w, undefined, { joinLimits: { perMinute: 6, burst: 3 }, now: () => now });
    const guess = () => post(`${base}/api/join`, JSON.stringify({ code: 'ZZZZ-ZZZZ' }));
    expect((await guess()).status).toBe(404);
    expect((await guess()).status).toBe(404);
    expect((await guess()).status).toBe(404);
    const res = await fetch(`${base}/api/join`, {
      method: 'POST',
      body: JSON.stringify({ code: w.adminCode }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toEqual({ error: { code: 'too_many_attempts', message: '尝试次数过多，请一分钟后再试' } });
    now += 10 * SECOND;
    expect((await post(`${base}/api/join`, JSON.stringify({ code: w.adminCode }))).status).toBe(200);
  });

  it('gives exactly one token for two simultaneous joins with one code', async () => {
    const w = await world();
    const base = await serve(w);
    const body = JSON.stringify({ code: w.adminCode });
    const statuses = (await Promise.all([post(`${base}/api/join`, body), post(`${base}/api/join`, body)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it.each(['{"code":', 'not json', '', '[]', '{"code":42}', '{"code":"ABCDEFGH","extra":1}', 'null'])(
    'answers the body %j with 400 bad_request and keeps serving',
    async (body) => {
      const w = await world();
      const base = await serve(w);
      const r = await post(`${base}/api/join`, body);
      expect(r).toEqual({ status: 400, json: { error: { code: 'bad_request', message: '请求内容无效' } } });
      expect((await post(`${base}/api/join`, JSON.stringify({ code: w.adminCode }))).status).toBe(200);
    },
  );

  it('refuses a body over the limit with 413, whether announced or streamed without a length', async () => {
    const w = await world();
    const base = await serve(w, 1024);
    const big = JSON.stringify({ code: 'A'.repeat(2000) });
    expect(await post(`${base}/api/join`, big)).toEqual({ status: 413, json: { error: { code: 'too_large', message: '请求内容过大' } } });
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/join`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write('x'.repeat(512));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('answers 405 with Allow for GET, and leaves other paths to the caller', async () => {
    const w = await world();
    const base = await serve(w);
    const get = await fetch(`${base}/api/join`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}/api/health`)).status).toBe(404);
  });
});

describe('POST /api/workspaces/:id/invites', () => {
  const person = { name: '张伟', rank: 'section', unitId: null };
  const invitesUrl = (base: string, w: World) => `${base}/api/workspaces/${w.workspaceId}/invites`;

  it('lets an admin create a code that then joins', async () => {
    const w = await world();
    const base = await serve(w);
    const admin = await joinOrThrow(w.auth, w.adminCode);
    const r = await post(invitesUrl(base, w), JSON.stringify({ role: 'leader', member: person, expiresInHours: 48 }), { authorization: `Bearer ${admin}` });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/),
      expiresAt: START + 48 * 3600 * SECOND,
      memberId: expect.any(String),
      role: 'leader',
    });
    const code = (r.json as { code: string }).code;
    expect((await post(`${base}/api/join`, JSON.stringify({ code }))).json).toMatchObject({ role: 'leader' });
  });

  it('answers 401 without a token, with a garbage one, and with an expired one', async () => {
    const w = await world();
    const base = await serve(w);
    const body = JSON.stringify({ role: 'member', member: person });
    expect(await post(invitesUrl(base, w), body)).toMatchObject({ status: 401, json: { error: { code: 'token.missing' } } });
    expect(await post(invitesUrl(base, w), body, { authorization: 'Bearer nonsense' })).toMatchObject({
      status: 401,
      json: { error: { code: 'token.malformed' } },
    });
    const admin = await joinOrThrow(w.auth, w.adminCode);
    w.clock.advance(31 * DAY);
    expect(await post(invitesUrl(base, w), body, { authorization: `Bearer ${admin}` })).toMatchObject({
      status: 401,
      json: { error: { code: 'token.expired' } },
    });
  });

  it.each(['leader', 'member', 'observer'] as const)('answers 403 to a %s', async (role) => {
    const w = await world();
    const base = await serve(w);
    const invite = await w.auth.invites.issueInvite(w.workspaceId, { role, member: { name: '赵敏', rank: 'staff', unitId: null } }, w.adminId);
    const token = await joinOrThrow(w.auth, invite?.code ?? '');
    const r = await post(invitesUrl(base, w), JSON.stringify({ role: 'admin', member: person }), { authorization: `Bearer ${token}` });
    expect(r).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
  });

  it('answers 403 to an admin of another workspace', async () => {
    const w = await world();
    const base = await serve(w);
    const other = await w.auth.createWorkspace('另一个县');
    if (!other.ok) throw new Error('refused');
    const foreignAdmin = await joinOrThrow(w.auth, other.created.invite.code);
    const r = await post(invitesUrl(base, w), JSON.stringify({ role: 'member', member: person }), { authorization: `Bearer ${foreignAdmin}` });
    expect(r.status).toBe(403);
  });

  it('answers 400 to an invite that names nobody or an unknown role, and to bad JSON', async () => {
    const w = await world();
    const base = await serve(w);
    const auth = { authorization: `Bearer ${await joinOrThrow(w.auth, w.adminCode)}` };
    expect((await post(invitesUrl(base, w), JSON.stringify({ role: 'member' }), auth)).status).toBe(400);
    expect((await post(invitesUrl(base, w), JSON.stringify({ role: 'owner', member: person }), auth)).status).toBe(400);
    expect((await post(invitesUrl(base, w), '{role:', auth)).status).toBe(400);
  });
});

describe('GET and DELETE /api/workspaces/:id/invites (the admin console)', () => {
  const person = { name: '李娜', rank: 'staff', unitId: null };
  const invitesUrl = (base: string, w: World) => `${base}/api/workspaces/${w.workspaceId}/invites`;
  const send = async (url: string, method: string, token: string) => {
    const res = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  it('lists the open invites without their codes, and a revoked code no longer joins (410, in plain words)', async () => {
    const w = await world();
    const base = await serve(w);
    const admin = await joinOrThrow(w.auth, w.adminCode);
    const created = await post(invitesUrl(base, w), JSON.stringify({ role: 'member', member: person }), { authorization: `Bearer ${admin}` });
    const { id, code } = created.json as { id: string; code: string };

    const listed = await send(invitesUrl(base, w), 'GET', admin);
    expect(listed.status).toBe(200);
    const invites = (listed.json as { invites: Array<Record<string, unknown>> }).invites;
    expect(invites).toContainEqual(expect.objectContaining({ id, role: 'member', profile: person }));
    expect(JSON.stringify(listed.json)).not.toContain(code);

    expect(await send(`${invitesUrl(base, w)}/${id}`, 'DELETE', admin)).toMatchObject({ status: 200, json: { invite: { id } } });
    expect((await send(invitesUrl(base, w), 'GET', admin)).json).not.toMatchObject({ invites: expect.arrayContaining([expect.objectContaining({ id })]) });
    expect(await post(`${base}/api/join`, JSON.stringify({ code }))).toMatchObject({
      status: 410,
      json: { error: { code: 'invite.revoked', message: expect.stringContaining('作废') } },
    });
    expect(await send(`${invitesUrl(base, w)}/${id}`, 'DELETE', admin)).toMatchObject({ status: 409, json: { error: { code: 'invite.revoked' } } });
    expect(await send(`${invitesUrl(base, w)}/nope`, 'DELETE', admin)).toMatchObject({ status: 404 });
  });

  it('does not revoke a code that was used already', async () => {
    const w = await world();
    const base = await serve(w);
    const admin = await joinOrThrow(w.auth, w.adminCode);
    const { id, code } = (await post(invitesUrl(base, w), JSON.stringify({ role: 'member', member: person }), { authorization: `Bearer ${admin}` })).json as {
      id: string;
      code: string;
    };
    expect((await post(`${base}/api/join`, JSON.stringify({ code }))).status).toBe(200);
    expect(await send(`${invitesUrl(base, w)}/${id}`, 'DELETE', admin)).toMatchObject({ status: 409, json: { error: { code: 'invite.used' } } });
  });

  it.each(['leader', 'member', 'observer'] as const)('answers 403 to a %s listing or revoking, and the invite still joins', async (role) => {
    const w = await world();
    const base = await serve(w);
    const admin = await joinOrThrow(w.auth, w.adminCode);
    const { id, code } = (await post(invitesUrl(base, w), JSON.stringify({ role: 'member', member: person }), { authorization: `Bearer ${admin}` })).json as {
      id: string;
      code: string;
    };
    const invite = await w.auth.invites.issueInvite(w.workspaceId, { role, member: { name: '赵敏', rank: 'staff', unitId: null } }, w.adminId);
    const token = await joinOrThrow(w.auth, invite?.code ?? '');
    expect(await send(invitesUrl(base, w), 'GET', token)).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect(await send(`${invitesUrl(base, w)}/${id}`, 'DELETE', token)).toMatchObject({ status: 403 });
    expect((await post(`${base}/api/join`, JSON.stringify({ code }))).status).toBe(200);
  });
});
