import type { ProblemClosure } from './schema/campaign';
import type { Member, Role } from './schema/member';
import type { Problem } from './schema/problem';
import type { RegistryEntry } from './schema/registry';
import type { Unit } from './schema/unit';
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
  members: readonly Pick<Member, 'id' | 'role' | 'archived' | 'inspector'>[];
  registry: readonly Pick<RegistryEntry, 'id' | 'ownerId' | 'leaderId' | 'team' | 'confirmed' | 'problemParties'>[];
  /** Units and their heads (一把手): who answers for a problem of a department. Absent: nobody heads anything. */
  units?: readonly Pick<Unit, 'id' | 'headId'>[];
  /** The campaign's setting of who confirms 销号 (absent: the 项目办 alone). */
  problemClosure?: ProblemClosure;
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
      return projectRights(role, principal.memberId, entry, view);
    }
  }
}

/** The rights on a registered project's document, with the role that counts. */
export function projectRights(role: Role, memberId: string, entry: WorkspaceView['registry'][number], view: WorkspaceView): Rights {
  if (editsEverything(role)) return READ_WRITE;
  // 督查 confirm 销号 requests wherever they are (when the campaign lets them); the write rules keep them to that
  if (isInspector(memberId, view) && view.problemClosure === 'officeAndInspectors') return READ_WRITE;
  if (role === 'observer') return READ_ONLY;
  if (isAssigned(memberId, entry)) return READ_WRITE;
  // 涉及哪个部门，就由哪个部门一把手负责: whoever answers for one of its open problems writes too, and the write rules
  // let them touch nothing but the problems they answer for
  return answersInProject(memberId, entry, view.units) ? READ_WRITE : READ_ONLY;
}

/**
 * The projects whose documents a member keeps at hand (the popup opens them, the checklist reads them fresh): those
 * they are assigned to and those where they answer for an open problem.
 */
export function worksOn(
  memberId: string,
  entry: Pick<RegistryEntry, 'ownerId' | 'leaderId' | 'team' | 'confirmed' | 'problemParties'>,
  units: readonly Pick<Unit, 'id' | 'headId'>[] | undefined,
): boolean {
  return isAssigned(memberId, entry) || answersInProject(memberId, entry, units);
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

/**
 * Whether the member reads the workspace-wide activity (动态: who changed what, on every project): the 项目办, leaders
 * and members flagged 督查. Everyone else reads the history of one project at a time (`projectHistoryReadable`).
 */
export function canReadActivity(role: Role | null, inspector: boolean): boolean {
  return role !== null && (editsEverything(role) || inspector);
}

/**
 * Whether the member reads a project's attributed history: exactly when they may read its document (`rightsFor`), so the
 * REST history says no more than the socket would. Everyone current in the workspace reads a registered project; an
 * observer does not read a project not yet registered, nor does an archived member read anything.
 */
export function projectHistoryReadable(principal: Principal, docName: string, view: WorkspaceView): boolean {
  return rightsFor(principal, docName, view).read;
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

/**
 * Whether the member may undo a member's changes or restore a project to an earlier time (issue #13 "restorable"):
 * the 项目办 alone, who answers for the record; the server checks it on every preview and apply.
 */
export function canRestore(role: Role | null): boolean {
  return role === 'admin';
}

/** Whether the member answers for an open problem of the project (the server keeps `problemParties` derived). */
export function answersInProject(
  memberId: string,
  entry: Pick<RegistryEntry, 'problemParties'>,
  units: readonly Pick<Unit, 'id' | 'headId'>[] | undefined,
): boolean {
  const parties = entry.problemParties;
  if (!parties) return false;
  return parties.members.includes(memberId) || parties.units.some((unitId) => unitHead(units, unitId) === memberId);
}

/**
 * The parties of a project's open problems: the 责任人 they name and their 责任部门 (sorted, so the derived value only
 * changes when they do). Problems naming neither answer to the project's owner, who writes the project anyway.
 */
export function problemPartiesOf(problems: readonly Pick<Problem, 'ownerId' | 'departmentId' | 'status' | 'archived'>[]): {
  members: string[];
  units: string[];
} {
  const members = new Set<string>();
  const units = new Set<string>();
  for (const p of problems) {
    if (p.archived || p.status === 'resolved') continue;
    if (p.ownerId !== null) members.add(p.ownerId);
    if (p.departmentId !== null) units.add(p.departmentId);
  }
  return { members: [...members].sort(), units: [...units].sort() };
}

/** Whether the member carries the 督查 flag (and is not archived). */
export function isInspector(memberId: string, view: WorkspaceView): boolean {
  const member = memberIn(view, memberId);
  return member !== undefined && !member.archived && member.inspector === true;
}

/** The head (一把手) of a unit, or null. */
export function unitHead(units: readonly Pick<Unit, 'id' | 'headId'>[] | undefined, unitId: string | null): string | null {
  if (unitId === null || !units) return null;
  return units.find((u) => u.id === unitId)?.headId ?? null;
}

/** What decides who answers for a problem. */
export type ProblemDuty = Pick<Problem, 'ownerId' | 'departmentId'>;

/**
 * The 责任人 of a problem: the one it names, else the head of its 责任部门 (涉及哪个部门，就由哪个部门一把手负责), else (a
 * problem written before problems named anyone, or a department without a head yet) the project's owner, so that no
 * problem is left without someone who answers for it.
 */
export function problemResponsible(problem: ProblemDuty, units: WorkspaceView['units'], projectOwnerId: string | null): string | null {
  return problem.ownerId ?? unitHead(units, problem.departmentId) ?? projectOwnerId;
}

/**
 * Whether the member answers for the problem: its 责任人, or the head of its 责任部门 (who may act for their staff). They
 * report progress and request 销号.
 */
export function answersForProblem(memberId: string, problem: ProblemDuty, units: WorkspaceView['units'], projectOwnerId: string | null): boolean {
  if (problemResponsible(problem, units, projectOwnerId) === memberId) return true;
  return unitHead(units, problem.departmentId) === memberId;
}

/** Whether the member may raise or lower a problem's level by hand (交办 → 提醒 → 督办): 项目办 and leaders. */
export function canEscalateProblem(role: Role | null): boolean {
  return role !== null && editsEverything(role);
}

/**
 * Whether the member may confirm (or send back) a 销号 request: the 项目办, and 督查 when the campaign says so. Never the
 * member who requested it (checked against the request, see `mayConfirmRequest`).
 */
export function canConfirmClosure(role: Role | null, inspector: boolean, setting: ProblemClosure | undefined): boolean {
  if (role === null) return false;
  return role === 'admin' || (inspector && setting === 'officeAndInspectors');
}

/** `canConfirmClosure` and not the requester. */
export function mayConfirmRequest(memberId: string, role: Role | null, inspector: boolean, setting: ProblemClosure | undefined, requestedBy: string): boolean {
  return requestedBy !== memberId && canConfirmClosure(role, inspector, setting);
}
