import type { Member, Role } from './schema/member';
import type { RegistryEntry } from './schema/registry';
import { parseDocName } from './model/doc-names';

/**
 * Who may read and write which document (SPEC §2 roles, §4 document table). Pure, so the sync server enforces it and
 * the extension uses the very same function to decide which edit controls to show.
 */

/** Who is asking: a verified token on the server, the joined workspace in the extension. */
export interface Principal {
  workspaceId: string;
  memberId: string;
  role: Role;
}

/** What the rights depend on, read from the workspace document through the model. */
export interface WorkspaceView {
  members: readonly Pick<Member, 'id' | 'role' | 'archived'>[];
  registry: readonly Pick<RegistryEntry, 'id' | 'ownerId' | 'leaderId' | 'team' | 'confirmed'>[];
}

/** Why nothing is allowed; every denial closes the connection with 4403. */
export type Denial = 'other_workspace' | 'archived_member' | 'unknown_document' | 'observer_unregistered_project';

/** What a principal may do with one document; the sync server keeps `read` and `write` per connection. */
export type Rights = { read: boolean; write: boolean; denial?: Denial };

const NOTHING = (denial: Denial): Rights => ({ read: false, write: false, denial });
const READ_ONLY: Rights = { read: true, write: false };
const READ_WRITE: Rights = { read: true, write: true };

/** admin (项目办) and leader edit everything in the workspace (SPEC §2). */
export const editsEverything = (role: Role): boolean => role === 'admin' || role === 'leader';

/**
 * True when the member owns, leads (联系领导) or is on the team of the project. A registration awaiting 审核
 * (`confirmed: false`: the server registered a member's offline-created project) names its owner, the creator, alone:
 * the leader and team it lists are the creator's claims until the 项目办 confirms them.
 */
export function isAssigned(memberId: string, entry: Pick<RegistryEntry, 'ownerId' | 'leaderId' | 'team' | 'confirmed'>): boolean {
  if (entry.confirmed === false) return entry.ownerId === memberId;
  return entry.ownerId === memberId || entry.leaderId === memberId || entry.team.includes(memberId);
}

/** Lookups by id, built once per view (the server evaluates every open connection against one view). */
interface ViewIndex {
  members: Map<string, WorkspaceView['members'][number]>;
  registry: Map<string, WorkspaceView['registry'][number]>;
}
const indexes = new WeakMap<WorkspaceView, ViewIndex>();

function indexOf(view: WorkspaceView): ViewIndex {
  let index = indexes.get(view);
  if (!index) {
    index = { members: new Map(view.members.map((m) => [m.id, m])), registry: new Map(view.registry.map((p) => [p.id, p])) };
    indexes.set(view, index);
  }
  return index;
}

function memberIn(view: WorkspaceView, memberId: string): WorkspaceView['members'][number] | undefined {
  return indexOf(view).members.get(memberId);
}

function entryIn(view: WorkspaceView, projectId: string): WorkspaceView['registry'][number] | undefined {
  return indexOf(view).registry.get(projectId);
}

/**
 * The role that counts: the one in the workspace document wins over the token's, so a demotion takes effect at once;
 * a member not yet in the document (just joined) keeps the token's role. Null for an archived member.
 */
export function effectiveRole(principal: Pick<Principal, 'memberId' | 'role'>, view: WorkspaceView): Role | null {
  const member = memberIn(view, principal.memberId);
  if (member?.archived) return null;
  return member?.role ?? principal.role;
}

/** What `principal` may do with the document `docName`, with the role that counts (`effectiveRole`). */
export function rightsFor(principal: Principal, docName: string, view: WorkspaceView): Rights {
  const doc = parseDocName(docName);
  if (!doc) return NOTHING('unknown_document');
  if (doc.workspaceId !== principal.workspaceId) return NOTHING('other_workspace');

  const role = effectiveRole(principal, view);
  if (role === null) return NOTHING('archived_member');

  switch (doc.kind) {
    case 'workspace':
      return editsEverything(role) ? READ_WRITE : READ_ONLY;
    case 'summary':
      // Derived by the server; a client write would be overwritten or, worse, believed.
      return READ_ONLY;
    case 'project': {
      const entry = entryIn(view, doc.projectId);
      if (!entry) {
        // A project created offline: the server registers it with its creator as owner on first sync.
        return role === 'observer' ? NOTHING('observer_unregistered_project') : READ_WRITE;
      }
      if (role === 'observer') return READ_ONLY;
      if (editsEverything(role)) return READ_WRITE;
      return isAssigned(principal.memberId, entry) ? READ_WRITE : READ_ONLY;
    }
  }
}

/**
 * Whether the UI should offer edit controls on a project (its fields, milestones, problems, 月报): the same answer the
 * server gives when the project document's connection opens. `entry` is null for a project not yet registered.
 */
export function canEditProject(role: Role, memberId: string, entry: Pick<RegistryEntry, 'ownerId' | 'leaderId' | 'team' | 'confirmed'> | null): boolean {
  if (role === 'observer') return false;
  if (editsEverything(role) || entry === null) return true;
  return isAssigned(memberId, entry);
}

/** Whether the UI should offer edits of the workspace document (campaign, units, members, targets, registry). */
export function canEditWorkspace(role: Role): boolean {
  return editsEverything(role);
}

/** Whether the member may create a project (offline too; the server registers it with them as owner). */
export function canCreateProject(role: Role): boolean {
  return role !== 'observer';
}

/** Whether the member may issue invite codes (项目办 only). */
export function canInvite(role: Role): boolean {
  return role === 'admin';
}

/**
 * Whether the admin console edits (项目办: units, members, projects, targets, campaign settings, invites). Everyone
 * else who opens it reads it only; the server refuses what the role may not write (server/auth/write-rules.ts).
 */
export function canAdminister(role: Role | null): boolean {
  return role === 'admin';
}
