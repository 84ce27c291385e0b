import type { IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { revokedConnections } from '../../../server/auth/create-auth';
import { syncAuthenticate, syncAuthorize } from '../../../server/auth/sync-adapter';
import { START, joinOrThrow, world } from './fixtures';

const req = {} as IncomingMessage; // the adapter does not read the request

describe('sync server adapters', () => {
  it('authenticates a valid token to a principal carrying its token id', async () => {
    const w = await world();
    const token = await joinOrThrow(w.auth, w.adminCode);
    expect(await syncAuthenticate(w.auth.tokens)(token, req)).toMatchObject({
      workspaceId: w.workspaceId,
      memberId: w.adminId,
      role: 'admin',
      tokenId: expect.any(String),
    });
  });

  it("maps each refusal onto the sync server's four reasons, keeping the precise one as detail", async () => {
    const w = await world();
    const authenticate = syncAuthenticate(w.auth.tokens);
    expect(await authenticate(null, req)).toEqual({ failure: 'missing', detail: 'missing' });
    expect(await authenticate('junk', req)).toEqual({ failure: 'invalid', detail: 'malformed' });
    const forged = await new SignJWT({ ws: w.workspaceId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setJti('j')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 60)
      .sign(new Uint8Array(32));
    expect(await authenticate(forged, req)).toEqual({ failure: 'invalid', detail: 'forged' });
    const token = await joinOrThrow(w.auth, w.adminCode);
    await w.auth.revokeMember(w.workspaceId, w.adminId, 'server');
    expect(await authenticate(token, req)).toEqual({ failure: 'revoked', detail: 'revoked' });
  });

  it('authorizes from the view the wiring loads, with plain read/write', async () => {
    const authorize = syncAuthorize(async () => ({ members: [{ id: 'm1', role: 'observer', archived: false }], registry: [] }));
    expect(await authorize({ workspaceId: 'w1', memberId: 'm1', role: 'admin' }, 'ws/w1')).toEqual({ read: true, write: false });
    expect(await authorize({ workspaceId: 'w1', memberId: 'm1', role: 'admin' }, 'ws/w1/project/new1')).toEqual({ read: false, write: false });
  });

  it('picks the connections a revocation ends: all of a member, or those of one token', () => {
    const a = { workspaceId: 'w1', memberId: 'm1', role: 'member', tokenId: 't1' };
    const b = { workspaceId: 'w1', memberId: 'm1', role: 'member', tokenId: 't2' };
    const c = { workspaceId: 'w2', memberId: 'm1', role: 'member', tokenId: 't1' };
    const byMember = revokedConnections({ kind: 'member', workspaceId: 'w1', memberId: 'm1' });
    const byToken = revokedConnections({ kind: 'token', workspaceId: 'w1', tokenId: 't1' });
    expect([a, b, c].map(byMember)).toEqual([true, true, false]);
    expect([a, b, c].map(byToken)).toEqual([true, false, false]);
  });
});
