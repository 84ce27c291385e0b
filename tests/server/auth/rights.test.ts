import { describe, expect, it } from 'vitest';
import type { TokenPrincipal } from '../../../server/auth/principal';
import { rightsFor, type WorkspaceView } from '../../../server/auth/rights';
import type { Role } from '../../../shared/schema/member';

const W = 'wsA';
const member = (id: string, role: Role, archived = false) => ({ id, role, archived });
const view: WorkspaceView = {
  members: [
    member('admin1', 'admin'),
    member('leader1', 'leader'),
    member('owner1', 'member'),
    member('team1', 'member'),
    member('other1', 'member'),
    member('liaison1', 'member'),
    member('obs1', 'observer'),
    member('gone1', 'leader', true),
  ],
  // The observer sits on the team to show that a listing never gives an observer the pen.
  registry: [{ id: 'p1', ownerId: 'owner1', leaderId: 'liaison1', team: ['team1', 'obs1'] }],
};
const as = (memberId: string, role: Role, workspaceId = W): TokenPrincipal => ({ workspaceId, memberId, role, tokenId: `t-${memberId}` });

const who: Record<string, TokenPrincipal> = {
  admin: as('admin1', 'admin'),
  leader: as('leader1', 'leader'),
  'member-owner': as('owner1', 'member'),
  'member-team': as('team1', 'member'),
  'member-other': as('other1', 'member'),
  observer: as('obs1', 'observer'),
  'other-workspace': as('admin1', 'admin', 'wsB'),
  archived: as('gone1', 'leader'),
};
const docs = {
  workspace: `ws/${W}`,
  'registered project': `ws/${W}/project/p1`,
  'unregistered project': `ws/${W}/project/p9`,
  summary: `ws/${W}/summary`,
} as const;

// Hand-written from SPEC §2 and §4: RW = read+write, R = read only, - = nothing (closed with 4403).
const matrix: Record<string, Record<keyof typeof docs, 'RW' | 'R' | '-'>> = {
  admin: { workspace: 'RW', 'registered project': 'RW', 'unregistered project': 'RW', summary: 'R' },
  leader: { workspace: 'RW', 'registered project': 'RW', 'unregistered project': 'RW', summary: 'R' },
  'member-owner': { workspace: 'R', 'registered project': 'RW', 'unregistered project': 'RW', summary: 'R' },
  'member-team': { workspace: 'R', 'registered project': 'RW', 'unregistered project': 'RW', summary: 'R' },
  'member-other': { workspace: 'R', 'registered project': 'R', 'unregistered project': 'RW', summary: 'R' },
  observer: { workspace: 'R', 'registered project': 'R', 'unregistered project': '-', summary: 'R' },
  'other-workspace': { workspace: '-', 'registered project': '-', 'unregistered project': '-', summary: '-' },
  archived: { workspace: '-', 'registered project': '-', 'unregistered project': '-', summary: '-' },
};

const cases = Object.entries(matrix).flatMap(([role, row]) =>
  (Object.keys(docs) as (keyof typeof docs)[]).flatMap((doc) => [
    { role, doc, right: 'read' as const, expected: row[doc] !== '-' },
    { role, doc, right: 'write' as const, expected: row[doc] === 'RW' },
  ]),
);

describe('rights matrix: role × document × read/write', () => {
  it.each(cases)('$role → $doc: $right = $expected', ({ role, doc, right, expected }) => {
    const principal = who[role];
    if (!principal) throw new Error(`no principal for ${role}`);
    expect(rightsFor(principal, docs[doc], view)[right]).toBe(expected);
  });
});

describe('rights: the cases around the matrix', () => {
  it("lets the project's liaison leader (联系领导) write it even with the member role", () => {
    expect(rightsFor(as('liaison1', 'member'), `ws/${W}/project/p1`, view)).toEqual({ read: true, write: true });
  });
  it('says why nothing is allowed', () => {
    expect(rightsFor(who['other-workspace']!, `ws/${W}`, view).denial).toBe('other_workspace');
    expect(rightsFor(who.archived!, `ws/${W}`, view).denial).toBe('archived_member');
    expect(rightsFor(who.observer!, `ws/${W}/project/p9`, view).denial).toBe('observer_unregistered_project');
  });
  it.each(['', 'ws', `ws/${W}/`, `ws/${W}/project/`, `ws/${W}/project/p1/extra`, `ws/${W}/board`, 'ws/../etc', `other/${W}`])(
    'refuses the unknown document name %j even to an admin',
    (name) => {
      expect(rightsFor(who.admin!, name, view)).toEqual({ read: false, write: false, denial: 'unknown_document' });
    },
  );
  it('takes the role from the workspace document over the token: a demoted admin loses the pen at once', () => {
    const demoted: WorkspaceView = { ...view, members: [member('admin1', 'member')] };
    expect(rightsFor(as('admin1', 'admin'), `ws/${W}`, demoted)).toEqual({ read: true, write: false });
    expect(rightsFor(as('admin1', 'admin'), `ws/${W}/project/p1`, demoted)).toEqual({ read: true, write: false });
  });
  it('uses the token role for someone who just joined and is not yet in the workspace document', () => {
    expect(rightsFor(as('newbie', 'leader'), `ws/${W}`, view)).toEqual({ read: true, write: true });
    expect(rightsFor(as('newbie', 'observer'), `ws/${W}/project/p1`, view)).toEqual({ read: true, write: false });
  });
});
