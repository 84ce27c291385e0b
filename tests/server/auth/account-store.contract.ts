import { describe, expect, it } from 'vitest';
import type { AccountStore, InviteRecord } from '../../../server/auth/account-store';

const T0 = Date.UTC(2026, 2, 1);
const secret = new Uint8Array(Array.from({ length: 32 }, (_, i) => i));
const invite = (over: Partial<InviteRecord> = {}): InviteRecord => ({
  codeHash: 'h1',
  id: `id-${over.codeHash ?? 'h1'}`,
  workspaceId: 'w1',
  memberId: 'm1',
  role: 'member',
  profile: { name: '周强', rank: 'section', unitId: 'u1' },
  createdBy: 'admin1',
  createdAt: T0,
  expiresAt: T0 + 1000,
  usedAt: null,
  usedBy: null,
  revokedAt: null,
  ...over,
});

/** The numbered rules every AccountStore keeps (SQLite now, Postgres later): run this suite against each one. */
export function accountStoreContract(name: string, open: () => Promise<AccountStore>): void {
  async function withWorkspace(): Promise<AccountStore> {
    const store = await open();
    await store.createWorkspace({ id: 'w1', name: '临江市', secret, createdAt: T0 });
    return store;
  }

  describe(`${name}: account store contract`, () => {
    it('[AS1] gives back a workspace with its secret byte for byte; null for an unknown id', async () => {
      const store = await withWorkspace();
      expect(await store.getWorkspace('w1')).toEqual({ id: 'w1', name: '临江市', secret, createdAt: T0 });
      expect(await store.getWorkspace('w2')).toBeNull();
      await store.close();
    });

    it('[AS2] gives back an invite as stored, profile included, by its code hash only', async () => {
      const store = await withWorkspace();
      await store.addInvite(invite());
      await store.addInvite(invite({ codeHash: 'h2', profile: null, role: 'observer' }));
      expect(await store.getInvite('h1')).toEqual(invite());
      expect(await store.getInvite('h2')).toMatchObject({ profile: null, role: 'observer' });
      expect(await store.getInvite('h3')).toBeNull();
      await store.close();
    });

    it('[AS3] redeems an invite once: the first claim wins and records when and for which token', async () => {
      const store = await withWorkspace();
      await store.addInvite(invite());
      const [a, b] = await Promise.all([store.redeemInvite('h1', T0 + 10, 'tokA'), store.redeemInvite('h1', T0 + 10, 'tokB')]);
      expect([a?.ok, b?.ok]).toEqual([true, false]);
      expect(b).toMatchObject({ ok: false, reason: 'used' });
      expect(await store.getInvite('h1')).toMatchObject({ usedAt: T0 + 10, usedBy: 'tokA' });
      await store.close();
    });

    it('[AS4] refuses an unknown invite as unknown and an expired one as expired (expiry instant included), leaving it unused', async () => {
      const store = await withWorkspace();
      await store.addInvite(invite());
      expect(await store.redeemInvite('nope', T0, 't')).toEqual({ ok: false, reason: 'unknown' });
      expect(await store.redeemInvite('h1', T0 + 1000, 't')).toMatchObject({ ok: false, reason: 'expired' });
      expect(await store.getInvite('h1')).toMatchObject({ usedAt: null, usedBy: null });
      expect((await store.redeemInvite('h1', T0 + 999, 't')).ok).toBe(true);
      await store.close();
    });

    it('[AS5] reports the latest revocation of a member, and token revocations by id, per workspace', async () => {
      const store = await withWorkspace();
      expect(await store.memberRevokedAt('w1', 'm1')).toBeNull();
      await store.addRevocation({ workspaceId: 'w1', kind: 'member', subject: 'm1', at: T0 + 5, by: 'admin1' });
      await store.addRevocation({ workspaceId: 'w1', kind: 'member', subject: 'm1', at: T0 + 9, by: 'admin1' });
      await store.addRevocation({ workspaceId: 'w1', kind: 'token', subject: 'tok9', at: T0 + 7, by: 'admin1' });
      expect(await store.memberRevokedAt('w1', 'm1')).toBe(T0 + 9);
      expect(await store.memberRevokedAt('w2', 'm1')).toBeNull();
      expect(await store.isTokenRevoked('w1', 'tok9')).toBe(true);
      expect(await store.isTokenRevoked('w1', 'm1')).toBe(false);
      expect(await store.isTokenRevoked('w2', 'tok9')).toBe(false);
      expect((await store.revocations('w1')).map((r) => [r.kind, r.subject, r.at])).toEqual([
        ['member', 'm1', T0 + 5],
        ['token', 'tok9', T0 + 7],
        ['member', 'm1', T0 + 9],
      ]);
      await store.close();
    });

    it('[AS6] lists revocations of every workspace after a cursor, in the order stored, for a watcher in another process', async () => {
      const store = await withWorkspace();
      expect(await store.latestRevocationCursor()).toBe(0);
      expect(await store.revocationsAfter(0, 10)).toEqual([]);
      await store.addRevocation({ workspaceId: 'w1', kind: 'member', subject: 'm1', at: T0 + 9, by: 'admin1' });
      await store.addRevocation({ workspaceId: 'w2', kind: 'token', subject: 'tok9', at: T0 + 5, by: 'cli' });
      const start = await store.latestRevocationCursor();
      await store.addRevocation({ workspaceId: 'w1', kind: 'token', subject: 'tok3', at: T0 + 1, by: 'cli' });
      const all = await store.revocationsAfter(0, 10);
      expect(all.map((r) => [r.workspaceId, r.kind, r.subject])).toEqual([
        ['w1', 'member', 'm1'],
        ['w2', 'token', 'tok9'],
        ['w1', 'token', 'tok3'],
      ]);
      expect(all[1]!.cursor).toBe(start);
      expect((await store.revocationsAfter(start, 10)).map((r) => r.subject)).toEqual(['tok3']);
      const first = await store.revocationsAfter(0, 1);
      expect(first.map((r) => r.subject)).toEqual(['m1']);
      expect((await store.revocationsAfter(first[0]!.cursor, 1)).map((r) => r.subject)).toEqual(['tok9']);
      await store.close();
    });

    it('[AS7] lists the open invites of one workspace, newest first: not used, not revoked, not expired', async () => {
      const store = await withWorkspace();
      await store.createWorkspace({ id: 'w2', name: '别处', secret, createdAt: T0 });
      await store.addInvite(invite({ codeHash: 'h1', createdAt: T0 }));
      await store.addInvite(invite({ codeHash: 'h2', createdAt: T0 + 1 }));
      await store.addInvite(invite({ codeHash: 'h3', createdAt: T0 + 2 }));
      await store.addInvite(invite({ codeHash: 'h4', createdAt: T0 + 3, expiresAt: T0 + 5 }));
      await store.addInvite(invite({ codeHash: 'h5', workspaceId: 'w2' }));
      await store.redeemInvite('h2', T0 + 5, 'tok');
      await store.revokeInvite('w1', 'id-h3', T0 + 5);
      expect((await store.openInvites('w1', T0 + 5)).map((i) => i.id)).toEqual(['id-h1']);
      expect((await store.openInvites('w1', T0 + 4)).map((i) => i.id)).toEqual(['id-h4', 'id-h1']);
      await store.close();
    });

    it('[AS8] revokes an unused invite once, by id within its workspace; a revoked code no longer redeems, a used one is not revoked', async () => {
      const store = await withWorkspace();
      await store.addInvite(invite({ codeHash: 'h1' }));
      await store.addInvite(invite({ codeHash: 'h2' }));
      expect(await store.revokeInvite('w2', 'id-h1', T0 + 1)).toEqual({ ok: false, reason: 'unknown' });
      expect(await store.revokeInvite('w1', 'id-h1', T0 + 1)).toMatchObject({ ok: true, invite: { id: 'id-h1', revokedAt: T0 + 1 } });
      expect(await store.revokeInvite('w1', 'id-h1', T0 + 2)).toEqual({ ok: false, reason: 'revoked' });
      expect(await store.redeemInvite('h1', T0 + 3, 't')).toMatchObject({ ok: false, reason: 'revoked' });
      expect((await store.redeemInvite('h2', T0 + 3, 't2')).ok).toBe(true);
      expect(await store.revokeInvite('w1', 'id-h2', T0 + 4)).toEqual({ ok: false, reason: 'used' });
      await store.close();
    });
  });
}
