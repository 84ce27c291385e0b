import { describe, expect, it } from 'vitest';
import {
  canAdminister,
  canCreateProject,
  canEditProject,
  canEditWorkspace,
  canInvite,
  canReadActivity,
  projectHistoryReadable,
  rightsFor,
  type WorkspaceView,
} from '../../shared/rights';
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

describe('who reads the workspace-wide activity (动态) and a project history (#13)', () => {
  it('the 项目办, leaders and 督查 read the activity; a cadre or observer without the flag does not; nobody archived', () => {
    expect(canReadActivity('admin', false)).toBe(true);
    expect(canReadActivity('leader', false)).toBe(true);
    expect(canReadActivity('member', true)).toBe(true);
    expect(canReadActivity('observer', true)).toBe(true);
    expect(canReadActivity('member', false)).toBe(false);
    expect(canReadActivity('observer', false)).toBe(false);
    expect(canReadActivity(null, true)).toBe(false);
  });

  it('a project history is readable exactly where the project document is', () => {
    const ws = { workspaceId: 'ws1' };
    const withArchived: WorkspaceView = { ...view, members: [...view.members, { id: 'gone', role: 'member', archived: true }] };
    expect(projectHistoryReadable({ ...ws, memberId: 'other1', role: 'member' }, 'ws/ws1/project/p1', withArchived)).toBe(true);
    expect(projectHistoryReadable({ ...ws, memberId: 'obs', role: 'observer' }, 'ws/ws1/project/p1', withArchived)).toBe(true);
    expect(projectHistoryReadable({ ...ws, memberId: 'obs', role: 'observer' }, 'ws/ws1/project/p-new', withArchived)).toBe(false);
    expect(projectHistoryReadable({ ...ws, memberId: 'gone', role: 'member' }, 'ws/ws1/project/p1', withArchived)).toBe(false);
    expect(projectHistoryReadable({ ...ws, memberId: 'other1', role: 'admin' }, 'ws/ws2/project/p1', withArchived)).toBe(false);
  });
});
