import { describe, expect, it } from 'vitest';
import { canAdminister, canCreateProject, canEditProject, canEditWorkspace, canInvite, rightsFor, type WorkspaceView } from '../../shared/rights';
import { rightsFor as serverRightsFor } from '../../server/auth/rights';
import type { Role } from '../../shared/schema/member';

const entry = { ownerId: 'owner1', leaderId: 'liaison1', team: ['team1'] };
const view: WorkspaceView = {
  members: [
    { id: 'owner1', role: 'member', archived: false },
    { id: 'team1', role: 'member', archived: false },
  ],
  registry: [{ id: 'p1', ...entry }],
};

describe("edit controls follow the server's rights", () => {
  it('is the very function the server enforces', () => {
    expect(serverRightsFor).toBe(rightsFor);
  });

  const cases: Array<[Role, string, boolean]> = [
    ['admin', 'anyone', true],
    ['leader', 'anyone', true],
    ['member', 'owner1', true],
    ['member', 'liaison1', true],
    ['member', 'team1', true],
    ['member', 'other1', false],
    ['observer', 'owner1', false],
  ];
  for (const [role, memberId, expected] of cases) {
    it(`a ${role} (${memberId}) ${expected ? 'gets' : 'does not get'} project edit controls, as the server would let them write`, () => {
      expect(canEditProject(role, memberId, entry)).toBe(expected);
      const server = rightsFor({ workspaceId: 'w', memberId, role }, 'ws/w/project/p1', { members: [], registry: view.registry });
      expect(server.write).toBe(expected);
    });
  }

  it('a project not yet registered (created offline) is editable by anyone but an observer', () => {
    expect(canEditProject('member', 'other1', null)).toBe(true);
    expect(canEditProject('observer', 'other1', null)).toBe(false);
    expect(canCreateProject('member')).toBe(true);
    expect(canCreateProject('observer')).toBe(false);
  });

  it('only admin and leader edit the workspace; only admin invites', () => {
    expect((['admin', 'leader', 'member', 'observer'] as const).map(canEditWorkspace)).toEqual([true, true, false, false]);
    expect((['admin', 'leader', 'member', 'observer'] as const).map(canInvite)).toEqual([true, false, false, false]);
  });

  it('the admin console edits for 项目办 (admin) only; an archived member (no role) reads nothing there', () => {
    expect((['admin', 'leader', 'member', 'observer', null] as const).map(canAdminister)).toEqual([true, false, false, false, false]);
  });
});
