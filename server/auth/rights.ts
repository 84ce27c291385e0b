import type { Member, Role } from '../../shared/schema/member';
import type { RegistryEntry } from '../../shared/schema/registry';
import { parseDocName } from '../../shared/model/doc-names';
import type { Principal } from './principal';

/** What the rights depend on, read from the workspace document through the model. */
export interface WorkspaceView {
  members: readonly Pick<Member, 'id' | 'role' | 'archived'>[];
  registry: readonly Pick<RegistryEntry, 'id' | 'ownerId' | 'leaderId' | 'team'>[];
}

/** Why nothing is allowed; every denial closes the connection with 4403. */
export type Denial = 'other_workspace' | 'archived_member' | 'unknown_document' | 'observer_unregistered_project';

export type Rights = { read: boolean; write: boolean; denial?: Denial };

const NOTHING = (denial: Denial): Rights => ({ read: false, write: false, denial });
const READ_ONLY: Rights = { read: true, write: false };
const READ_WRITE: Rights = { read: true, write: true };

/** admin (项目办) and leader edit everything in the workspace (SPEC §2). */
const editsEverything = (role: Role): boolean => role === 'admin' || role === 'leader';

/**
 * What `principal` may do with the document `docName` (SPEC §2 roles, §4 document table).
 * The role in the workspace document wins over the one in the token, so a demotion takes effect at once;
 * a member not yet in the document (just joined) keeps the token's role.
 */
export function rightsFor(principal: Pick<Principal, 'workspaceId' | 'memberId' | 'role'>, docName: string, view: WorkspaceView): Rights {
  const doc = parseDocName(docName);
  if (!doc) return NOTHING('unknown_document');
  if (doc.workspaceId !== principal.workspaceId) return NOTHING('other_workspace');

  const member = view.members.find((m) => m.id === principal.memberId);
  if (member?.archived) return NOTHING('archived_member');
  const role = member?.role ?? principal.role;

  switch (doc.kind) {
    case 'workspace':
      return editsEverything(role) ? READ_WRITE : READ_ONLY;
    case 'summary':
      // Derived by the server; a client write would be overwritten or, worse, believed.
      return READ_ONLY;
    case 'project': {
      const entry = view.registry.find((p) => p.id === doc.projectId);
      if (!entry) {
        // A project created offline: the server registers it with its creator as owner on first sync.
        return role === 'observer' ? NOTHING('observer_unregistered_project') : READ_WRITE;
      }
      if (role === 'observer') return READ_ONLY;
      if (editsEverything(role)) return READ_WRITE;
      const id = principal.memberId;
      const assigned = entry.ownerId === id || entry.leaderId === id || entry.team.includes(id);
      return assigned ? READ_WRITE : READ_ONLY;
    }
  }
}
