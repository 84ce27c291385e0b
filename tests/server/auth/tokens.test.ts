import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { DAY, SECOND, START, joinOrThrow, world } from './fixtures';

async function invited(w: Awaited<ReturnType<typeof world>>, role: 'member' | 'leader' | 'observer' = 'member') {
  const invite = await w.auth.invites.issueInvite(w.workspaceId, { role, member: { name: '王磊', rank: 'section', unitId: null } }, w.adminId);
  if (!invite) throw new Error('no invite');
  return { memberId: invite.memberId, token: await joinOrThrow(w.auth, invite.code) };
}

describe('tokens: verifyToken tells each bad token apart', () => {
  it('accepts a valid token and gives back who it belongs to', async () => {
    const w = await world();
    const token = await joinOrThrow(w.auth, w.adminCode);
    const result = await w.auth.tokens.verify(token);
    expect(result.ok && result.principal).toMatchObject({ workspaceId: w.workspaceId, memberId: w.adminId, role: 'admin' });
    expect(result.ok && result.expiresAt).toBe(START + 30 * DAY);
  });

  it.each([undefined, null, '', '   '])('calls %j missing', async (token) => {
    const w = await world();
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'missing' });
  });

  it.each(['garbage', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln', 'x'.repeat(10_000)])('calls %j malformed', async (token) => {
    const w = await world();
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'malformed' });
  });

  it('calls a token signed with another secret forged', async () => {
    const w = await world();
    const other = new TextEncoder().encode('a-secret-that-is-not-the-workspace-one!!');
    const token = await new SignJWT({ ws: w.workspaceId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(w.adminId)
      .setJti('j1')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .sign(other);
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'forged' });
  });

  it('calls a token whose role was edited after signing forged', async () => {
    const w = await world();
    const { token } = await invited(w, 'observer');
    const [header, , signature] = token.split('.');
    const claims = { ...decodeJwt(token), role: 'admin' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await w.auth.tokens.verify(tampered)).toEqual({ ok: false, failure: 'forged' });
  });

  it('calls an unsigned (alg: none) token forged', async () => {
    const w = await world();
    const token = new UnsecuredJWT({ ws: w.workspaceId, role: 'admin' })
      .setSubject(w.adminId)
      .setJti('j1')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .encode();
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'forged' });
  });

  it("refuses a token of one workspace presented as another's (each workspace signs with its own secret)", async () => {
    const w = await world();
    const second = await w.auth.createWorkspace('临江县项目建设年');
    if (!second.ok) throw new Error('second workspace refused');
    const foreign = await joinOrThrow(w.auth, second.created.invite.code);
    const [header, , signature] = foreign.split('.');
    const claims = { ...decodeJwt(foreign), ws: w.workspaceId };
    const moved = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await w.auth.tokens.verify(moved)).toEqual({ ok: false, failure: 'forged' });
  });

  it('calls a token for a workspace this server does not know unknown_workspace', async () => {
    const w = await world();
    const token = await new SignJWT({ ws: 'nowhere', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('m1')
      .setJti('j1')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .sign(new Uint8Array(32));
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'unknown_workspace' });
  });

  it('expires after 30 days by default: valid one second before, expired at the instant', async () => {
    const w = await world();
    const token = await joinOrThrow(w.auth, w.adminCode);
    w.clock.advance(30 * DAY - SECOND);
    expect((await w.auth.tokens.verify(token)).ok).toBe(true);
    w.clock.advance(SECOND);
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'expired' });
  });

  it('honours a configured lifetime', async () => {
    const w = await world({ tokenLifetimeSeconds: 3600 });
    const result = await w.auth.invites.join(w.adminCode);
    expect(result.ok && result.joined.expiresAt).toBe(START + 3600 * SECOND);
    const token = result.ok ? result.joined.token : '';
    w.clock.advance(3600 * SECOND);
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'expired' });
  });

  it('refuses every token of a revoked member, and accepts the one from a later invite', async () => {
    const w = await world();
    const { memberId, token } = await invited(w);
    w.clock.advance(DAY);
    await w.auth.revokeMember(w.workspaceId, memberId, w.adminId);
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'revoked' });

    w.clock.advance(SECOND);
    const again = await w.auth.invites.issueInvite(w.workspaceId, { role: 'member', memberId }, w.adminId);
    const fresh = await joinOrThrow(w.auth, again?.code ?? '');
    expect(await w.auth.tokens.verify(fresh)).toMatchObject({ ok: true, principal: { memberId } });
    expect(await w.auth.tokens.verify(token)).toEqual({ ok: false, failure: 'revoked' });
  });

  it("revoking one token (a lost laptop) leaves the member's other device signed in", async () => {
    const w = await world();
    const { memberId, token: laptop } = await invited(w);
    const second = await w.auth.invites.issueInvite(w.workspaceId, { role: 'member', memberId }, w.adminId);
    const phone = await joinOrThrow(w.auth, second?.code ?? '');
    const laptopId = decodeJwt(laptop).jti ?? '';
    await w.auth.revokeToken(w.workspaceId, laptopId, w.adminId);
    expect(await w.auth.tokens.verify(laptop)).toEqual({ ok: false, failure: 'revoked' });
    expect((await w.auth.tokens.verify(phone)).ok).toBe(true);
  });
});
