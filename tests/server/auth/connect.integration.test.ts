import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { Revoked } from '../../../server/auth/revocation';
import type { WorkspaceView } from '../../../server/auth/rights';
import { closeRevokedConnections, syncAuthenticate, syncAuthorize } from '../../../server/auth/sync-adapter';
import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import { createSyncServer, type SyncServer } from '../../../server/sync/sync-server';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { connectClient, synced, waitFor, type TestClient } from '../sync/harness';
import { MemoryStore } from '../sync/memory-store';
import { DAY, START, joinOrThrow, world, type World } from './fixtures';

const running: Array<{ server: SyncServer; clients: TestClient[] }> = [];
afterEach(async () => {
  for (const { server, clients } of running.splice(0)) {
    for (const c of clients) c.destroy();
    await server.close();
  }
});

interface Setup {
  w: World;
  url: string;
  /** Members and registry as the workspace document would give them. */
  view: { members: WorkspaceView['members'][number][]; registry: WorkspaceView['registry'][number][] };
  connect(room: string, token: string | null): TestClient;
  invite(role: 'leader' | 'member' | 'observer'): Promise<{ memberId: string; token: string }>;
}

/** A real sync server on port 0 with our authenticate/authorize and revocation hook; the auth clock is moved by hand. */
async function setup(): Promise<Setup> {
  let closeRevoked: ((r: Revoked) => number) | null = null;
  const w = await world({ onRevoked: (r) => void closeRevoked?.(r) });
  const view: Setup['view'] = { members: [{ id: w.adminId, role: 'admin', archived: false }], registry: [] };
  const server = createSyncServer({
    store: new MemoryStore(),
    authenticate: syncAuthenticate(w.auth.tokens),
    authorize: syncAuthorize(async () => view),
    logger: createSilentLogger(),
    metrics: createMetrics(),
  });
  closeRevoked = closeRevokedConnections(server);
  const { port } = await server.listen(0, '127.0.0.1');
  const clients: TestClient[] = [];
  running.push({ server, clients });
  return {
    w,
    url: `ws://127.0.0.1:${port}`,
    view,
    connect(room, token) {
      const client = connectClient(`ws://127.0.0.1:${port}`, room, token);
      clients.push(client);
      return client;
    },
    async invite(role) {
      const invite = await w.auth.invites.issueInvite(w.workspaceId, { role, member: { name: '孙丽', rank: 'staff', unitId: null } }, w.adminId);
      if (!invite) throw new Error('no invite');
      view.members.push({ id: invite.memberId, role, archived: false });
      return { memberId: invite.memberId, token: await joinOrThrow(w.auth, invite.code) };
    },
  };
}

const firstClose = async (client: TestClient): Promise<number> => {
  await waitFor(() => client.closes.length > 0, 'the server closing the connection');
  return client.closes[0]?.code ?? -1;
};

describe('a stock y-websocket client connecting with each kind of token', () => {
  it('syncs with a valid token', async () => {
    const s = await setup();
    const admin = await joinOrThrow(s.w.auth, s.w.adminCode);
    const client = s.connect(`ws/${s.w.workspaceId}`, admin);
    await synced(client);
    expect(client.closes).toEqual([]);
  });

  it('is closed with 4401 without a token, with garbage, forged, expired or revoked ones', async () => {
    const s = await setup();
    const forged = await new SignJWT({ ws: s.w.workspaceId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(s.w.adminId)
      .setJti('j')
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .sign(new Uint8Array(32));
    const admin = await joinOrThrow(s.w.auth, s.w.adminCode);
    const member = await s.invite('member');
    await s.w.auth.revokeMember(s.w.workspaceId, member.memberId, s.w.adminId);

    const room = `ws/${s.w.workspaceId}`;
    const missing = s.connect(room, null);
    const garbage = s.connect(room, 'not-a-token');
    const forgedClient = s.connect(room, forged);
    const revoked = s.connect(room, member.token);
    expect(await firstClose(missing)).toBe(CloseCode.unauthenticated);
    expect(await firstClose(garbage)).toBe(CloseCode.unauthenticated);
    expect(await firstClose(forgedClient)).toBe(CloseCode.unauthenticated);
    expect(await firstClose(revoked)).toBe(CloseCode.unauthenticated);

    s.w.clock.advance(31 * DAY);
    expect(await firstClose(s.connect(room, admin))).toBe(CloseCode.unauthenticated);
  });

  it("is closed with 4403 on another workspace's document and on what its role may not open", async () => {
    const s = await setup();
    const admin = await joinOrThrow(s.w.auth, s.w.adminCode);
    const observer = await s.invite('observer');
    expect(await firstClose(s.connect('ws/someoneElse', admin))).toBe(CloseCode.forbidden);
    expect(await firstClose(s.connect(`ws/${s.w.workspaceId}/project/newOne`, observer.token))).toBe(CloseCode.forbidden);
    expect(await firstClose(s.connect(`ws/${s.w.workspaceId}/board`, admin))).toBe(CloseCode.forbidden);
    const reading = s.connect(`ws/${s.w.workspaceId}/summary`, observer.token);
    await synced(reading);
    expect(reading.closes).toEqual([]);
  });

  it("closes a revoked member's open connections at once with 4409, and leaves others open", async () => {
    const s = await setup();
    const admin = await joinOrThrow(s.w.auth, s.w.adminCode);
    const member = await s.invite('member');
    const stays = s.connect(`ws/${s.w.workspaceId}`, admin);
    const goes = s.connect(`ws/${s.w.workspaceId}`, member.token);
    const goesToo = s.connect(`ws/${s.w.workspaceId}/project/p1`, member.token);
    await Promise.all([synced(stays), synced(goes), synced(goesToo)]);

    await s.w.auth.revokeMember(s.w.workspaceId, member.memberId, s.w.adminId);
    expect(await firstClose(goes)).toBe(CloseCode.revoked);
    expect(await firstClose(goesToo)).toBe(CloseCode.revoked);
    expect(stays.closes).toEqual([]);
  });
});
