import { describe, expect, it } from 'vitest';
import { canEditProject, isAssigned, rightsFor, type WorkspaceView } from '../../shared/rights';

/** 张伟 (member) created p-new offline naming 李市长 as 联系领导 and 王芳 on the team; the server registered it pending 审核. */
const pending = { id: 'p-new', ownerId: 'zhang', leaderId: 'lead', team: ['wang'], confirmed: false };
const members: WorkspaceView['members'] = [
  { id: 'zhang', role: 'member', archived: false },
  { id: 'lead', role: 'member', archived: false },
  { id: 'wang', role: 'member', archived: false },
];
const write = (memberId: string, entry: WorkspaceView['registry'][number]): boolean =>
  rightsFor({ workspaceId: 'w', memberId, role: 'member' }, 'ws/w/project/p-new', { members, registry: [entry] }).write;

describe('rights from a registration awaiting 审核', () => {
  it('go to the owner (the creator) alone: the named leader and team get none from it', () => {
    expect(write('zhang', pending)).toBe(true);
    expect(write('lead', pending)).toBe(false);
    expect(write('wang', pending)).toBe(false);
    expect(isAssigned('lead', pending)).toBe(false);
    expect(canEditProject('member', 'lead', pending)).toBe(false);
    expect(canEditProject('member', 'zhang', pending)).toBe(true);
  });

  it('follow the registry as usual once the 项目办 has confirmed it', () => {
    const confirmed = { ...pending, confirmed: true };
    expect(write('lead', confirmed)).toBe(true);
    expect(write('wang', confirmed)).toBe(true);
    const { confirmed: _absent, ...older } = pending;
    expect(write('lead', older)).toBe(true);
  });

  it('admins and leaders edit it either way', () => {
    for (const role of ['admin', 'leader'] as const) {
      expect(rightsFor({ workspaceId: 'w', memberId: 'x', role }, 'ws/w/project/p-new', { members: [], registry: [pending] }).write).toBe(true);
    }
  });
});
