import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, generateInviteCode, hashInviteCode, normalizeInviteCode } from '../../../server/auth/invite-code';
import type { TokenPrincipal } from '../../../server/auth/principal';
import { DAY, SECOND, START, world } from './fixtures';

const newPerson = { name: '李娜', rank: 'deputyDivision' as const, unitId: 'u-fgw' };

describe('invite codes', () => {
  it('are 8 characters a person can read aloud: no 0, O, 1 or I', () => {
    for (let i = 0; i < 200; i++) expect(generateInviteCode()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(INVITE_ALPHABET).toHaveLength(32);
  });
  it('maps each byte to the alphabet by its low five bits', () => {
    expect(generateInviteCode(() => new Uint8Array([0, 1, 31, 32, 33, 255, 8, 9]))).toBe('23Z23ZAB');
  });
  it('forgive case, spaces and dashes in what was typed', () => {
    expect(normalizeInviteCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });
  it('are stored as a hash, never as themselves', async () => {
    const w = await world();
    expect(await w.store.getInvite(hashInviteCode(w.adminCode))).toMatchObject({ role: 'admin', usedAt: null });
    expect(await w.store.getInvite(w.adminCode)).toBeNull();
  });
});

describe('createWorkspace', () => {
  it('returns the workspace, its first admin and an invite that makes them admin', async () => {
    const w = await world();
    const joined = await w.auth.invites.join(w.adminCode);
    expect(joined).toMatchObject({ ok: true, joined: { workspaceId: w.workspaceId, memberId: w.adminId, role: 'admin' } });
    expect(w.joined).toEqual([
      expect.objectContaining({ workspaceId: w.workspaceId, memberId: w.adminId, role: 'admin', profile: expect.objectContaining({ rank: 'staff' }) }),
    ]);
  });
  it('refuses an empty name', async () => {
    const w = await world();
    expect(await w.auth.createWorkspace('   ')).toEqual({ ok: false, error: 'bad_name' });
  });
});

describe('invites: create and join', () => {
  const admin = (w: { workspaceId: string; adminId: string }): TokenPrincipal => ({
    workspaceId: w.workspaceId,
    memberId: w.adminId,
    role: 'admin',
    tokenId: 't',
  });

  it('lets an admin invite a new person and hands the wiring what it needs to add them', async () => {
    const w = await world();
    const created = await w.auth.invites.createInvite(admin(w), w.workspaceId, { role: 'member', member: newPerson });
    if (!created.ok) throw new Error(created.error);
    expect(created.invite.expiresAt).toBe(START + 7 * DAY);
    const joined = await w.auth.invites.join(created.invite.code.toLowerCase());
    expect(joined).toMatchObject({ ok: true, joined: { memberId: created.invite.memberId, role: 'member' } });
    expect(w.joined.at(-1)).toMatchObject({ memberId: created.invite.memberId, profile: newPerson });
  });

  it.each(['leader', 'member', 'observer'] as const)('refuses a %s creating invites', async (role) => {
    const w = await world();
    const by: TokenPrincipal = { workspaceId: w.workspaceId, memberId: 'm2', role, tokenId: 't' };
    expect(await w.auth.invites.createInvite(by, w.workspaceId, { role: 'member', member: newPerson })).toEqual({ ok: false, error: 'forbidden' });
  });

  it('refuses an admin of another workspace', async () => {
    const w = await world();
    const by: TokenPrincipal = { workspaceId: 'elsewhere', memberId: w.adminId, role: 'admin', tokenId: 't' };
    expect(await w.auth.invites.createInvite(by, w.workspaceId, { role: 'admin', member: newPerson })).toEqual({ ok: false, error: 'forbidden' });
  });

  it('refuses an admin whom the workspace document has since demoted', async () => {
    const w = await world({ lookupMember: async () => ({ role: 'member', archived: false }) });
    expect(await w.auth.invites.createInvite(admin(w), w.workspaceId, { role: 'member', member: newPerson })).toEqual({ ok: false, error: 'forbidden' });
  });

  it('calls an unknown or mistyped code unknown', async () => {
    const w = await world();
    expect(await w.auth.invites.join('ZZZZZZZZ')).toEqual({ ok: false, error: 'invite.unknown' });
    expect(await w.auth.invites.join('ABC')).toEqual({ ok: false, error: 'invite.unknown' });
    expect(await w.auth.invites.join('0O1I0O1I')).toEqual({ ok: false, error: 'invite.unknown' });
  });

  it('calls a second use of one code used', async () => {
    const w = await world();
    expect((await w.auth.invites.join(w.adminCode)).ok).toBe(true);
    expect(await w.auth.invites.join(w.adminCode)).toEqual({ ok: false, error: 'invite.used' });
  });

  it('expires: valid one second before the deadline, expired at it', async () => {
    const w = await world();
    const created = await w.auth.invites.createInvite(admin(w), w.workspaceId, { role: 'observer', member: newPerson, expiresInHours: 2 });
    if (!created.ok) throw new Error(created.error);
    const other = await w.auth.invites.createInvite(admin(w), w.workspaceId, { role: 'observer', member: newPerson, expiresInHours: 2 });
    if (!other.ok) throw new Error(other.error);
    w.clock.advance(2 * 3600 * SECOND - SECOND);
    expect((await w.auth.invites.join(created.invite.code)).ok).toBe(true);
    w.clock.advance(SECOND);
    expect(await w.auth.invites.join(other.invite.code)).toEqual({ ok: false, error: 'invite.expired' });
  });

  it('gives exactly one token when two people join with one code at once', async () => {
    const w = await world();
    const results = await Promise.all([w.auth.invites.join(w.adminCode), w.auth.invites.join(w.adminCode)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'invite.used' }]);
    expect(w.joined).toHaveLength(1);
  });

  it('still answers with the token when the join hook fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    const w = await world({ onJoined: () => Promise.reject(new Error('document busy')), onHookError: (e) => void errors.push(e) });
    expect((await w.auth.invites.join(w.adminCode)).ok).toBe(true);
    expect(errors).toHaveLength(1);
  });
});

describe('revocation', () => {
  it('records who revoked whom and when, and tells the sync server', async () => {
    const w = await world();
    w.clock.advance(DAY);
    await w.auth.revokeMember(w.workspaceId, 'm7', w.adminId);
    expect(await w.store.revocations(w.workspaceId)).toEqual([{ workspaceId: w.workspaceId, kind: 'member', subject: 'm7', at: START + DAY, by: w.adminId }]);
    expect(w.revoked).toEqual([{ kind: 'member', workspaceId: w.workspaceId, memberId: 'm7' }]);
  });
});
