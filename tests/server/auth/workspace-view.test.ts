import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { rightsFor } from '../../../server/auth/rights';
import { workspaceViewFromDoc } from '../../../server/auth/workspace-view';
import { addMember, archiveMember, registerProject, updateMember } from '../../../shared/model/workspace-write';

const by = { memberId: 'admin1', at: Date.UTC(2026, 2, 1) };

describe('rights read from a real workspace document through the model', () => {
  it('follows the registry and the members as they change', () => {
    const doc = new Y.Doc();
    expect(addMember(doc, { id: 'owner1', name: '陈刚', rank: 'section', role: 'member' }, by).ok).toBe(true);
    expect(addMember(doc, { id: 'lead1', name: '刘洋', rank: 'cityLeader', role: 'leader' }, by).ok).toBe(true);
    expect(registerProject(doc, { id: 'p1', name: '临江港区物流园', ownerId: 'owner1' }, by).ok).toBe(true);
    const owner = { workspaceId: 'w1', memberId: 'owner1', role: 'member' as const };

    expect(rightsFor(owner, 'ws/w1/project/p1', workspaceViewFromDoc(doc))).toEqual({ read: true, write: true });

    // The owner is demoted to observer (督查室): the document's role wins over the token's.
    expect(updateMember(doc, 'owner1', { role: 'observer' }, by).ok).toBe(true);
    expect(rightsFor(owner, 'ws/w1/project/p1', workspaceViewFromDoc(doc))).toEqual({ read: true, write: false });

    expect(archiveMember(doc, 'lead1', by).ok).toBe(true);
    const leader = { workspaceId: 'w1', memberId: 'lead1', role: 'leader' as const };
    expect(rightsFor(leader, 'ws/w1', workspaceViewFromDoc(doc))).toEqual({ read: false, write: false, denial: 'archived_member' });
  });
});
