import { afterEach, describe, expect, it } from 'vitest';
import { inviteClient } from '../../client/admin-invites';
import { joinLink, readJoinLink } from '../../client/invite-link';
import { qrCodeDataUrl } from '../../client/invite-qr';
import { authRoutes } from '../../server/rest/auth-routes';
import { joinOrThrow, world } from '../server/auth/fixtures';
import { closeServed, serveHttp } from '../server/rest/serve-http';

afterEach(closeServed);

async function served() {
  const w = await world();
  const base = await serveHttp(authRoutes({ invites: w.auth.invites, tokens: w.auth.tokens }));
  return { w, base };
}

describe('the console’s invite client against the server', () => {
  it('creates, lists and revokes with the admin’s token; a revoked code then says so on joining', async () => {
    const { w, base } = await served();
    const token = await joinOrThrow(w.auth, w.adminCode);
    const client = inviteClient({ serverUrl: base, workspaceId: w.workspaceId, token });
    const created = await client.create({ role: 'member', member: { name: '刘新来', rank: 'staff', unitId: null }, expiresInHours: 48 });
    if (!created.ok) throw new Error(created.reason);
    const listed = await client.list();
    expect(listed.ok && listed.invites.find((i) => i.id === created.invite.id)).toMatchObject({ role: 'member', profile: { name: '刘新来' } });
    expect(await client.revoke(created.invite.id)).toEqual({ ok: true });
    expect(await client.revoke(created.invite.id)).toMatchObject({ ok: false, reason: 'notOpen' });
    const join = await w.auth.invites.join(created.invite.code);
    expect(join).toEqual({ ok: false, error: 'invite.revoked' });
  });

  it('tells a non-admin, an expired token and no network apart', async () => {
    const { w, base } = await served();
    const invite = await w.auth.invites.issueInvite(w.workspaceId, { role: 'leader', member: { name: '赵敏', rank: 'staff', unitId: null } }, w.adminId);
    const leader = await joinOrThrow(w.auth, invite?.code ?? '');
    expect(await inviteClient({ serverUrl: base, workspaceId: w.workspaceId, token: leader }).list()).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await inviteClient({ serverUrl: base, workspaceId: w.workspaceId, token: 'garbage' }).list()).toMatchObject({ ok: false, reason: 'expiredToken' });
    const offline = inviteClient(
      { serverUrl: 'http://127.0.0.1:9', workspaceId: w.workspaceId, token: leader },
      { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) },
    );
    expect(await offline.create({ role: 'member', memberId: 'm1', expiresInHours: 24 })).toEqual({ ok: false, reason: 'offline' });
  });
});

describe('join link and QR code', () => {
  it('the link carries server and code to the options page, which reads them back', () => {
    const link = joinLink('chrome-extension://abc/options.html', { serverUrl: 'http://10.0.0.5:8787', code: 'DQJJVM5D' });
    expect(link).toBe('chrome-extension://abc/options.html?server=http%3A%2F%2F10.0.0.5%3A8787&code=DQJJVM5D');
    expect(readJoinLink(new URL(link).search)).toEqual({ serverUrl: 'http://10.0.0.5:8787', code: 'DQJJVM5D' });
    expect(readJoinLink('')).toBeNull();
    expect(readJoinLink('?server=javascript%3Aalert(1)&code=X')).toBeNull();
  });

  it('the QR code is an SVG image of the link', async () => {
    const url = await qrCodeDataUrl('chrome-extension://abc/options.html?server=x&code=DQJJVM5D');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toMatch(/^<svg[^>]*viewBox/);
  });
});
