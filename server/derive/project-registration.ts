/**
 * A project created offline has a document but no line in the workspace registry; the server registers it, with the
 * member who created it as owner, once its project record validates (SPEC §4). The leader and team a member names on
 * their own project are claims: the line is registered `confirmed: false` (审核 pending), which gives rights to the
 * creator alone (shared/rights.ts) and keeps the project out of anyone else's targets and rankings
 * (shared/calc/trusted-rows.ts) until the 项目办 confirms it. A project created by an admin or leader needs no review.
 */
import type * as Y from 'yjs';
import type { FieldError } from '../../shared/schema/field-errors';
import { PROJECT_KEYS } from '../../shared/model/keys';
import { parseStored } from '../../shared/model/layout';
import { projectSlot } from '../../shared/model/project-doc';
import { PROJECT_LAYOUT } from '../../shared/model/project-layout';
import type { ProjectRead } from '../../shared/model/project-read';
import { readSlot } from '../../shared/model/slots';
import { readWorkspace } from '../../shared/model/workspace-read';
import { registerProject, type RegistryInput } from '../../shared/model/workspace-write';
import type { Project } from '../../shared/schema/project';
import { editsEverything } from '../../shared/rights';

export type RegistrationDecision =
  | { kind: 'registered' }
  | { kind: 'register'; entry: RegistryInput }
  | { kind: 'invalid'; reasons: FieldError[] }
  | { kind: 'empty' }
  | { kind: 'no-creator' };

/** True when the workspace registry already has a line for the project, valid or not (someone wrote it; do not clobber). */
export function isRegistered(workspaceDoc: Y.Doc, projectId: string): boolean {
  return readWorkspace(workspaceDoc).registry.some((r) => (r.ok ? r.value.id : r.id) === projectId);
}

/** True when the project record alone validates: a cheap check run on every update of an unregistered project. */
export function projectRecordValid(projectDoc: Y.Doc): boolean {
  return parseStored(PROJECT_LAYOUT, PROJECT_KEYS.project, readSlot(projectSlot(projectDoc), PROJECT_LAYOUT)).ok;
}

/** True when the creator's word on leader and team stands without review: an admin or leader of the workspace. */
export function creatorTrusted(workspaceDoc: Y.Doc, creatorId: string): boolean {
  const member = readWorkspace(workspaceDoc).members.find((m) => m.ok && m.value.id === creatorId);
  return member?.ok === true && !member.value.archived && editsEverything(member.value.role);
}

/**
 * The registry line of a project: its own name, unit, leader and team, with `creatorId` as owner; pending 审核
 * (`confirmed: false`) unless the creator is trusted.
 */
export function registryEntryFor(project: Project, creatorId: string, trusted = false): RegistryInput {
  return {
    id: project.id,
    name: project.name,
    unitId: project.unitId,
    ownerId: creatorId,
    leaderId: project.leaderId,
    team: [...project.team],
    ...(trusted ? {} : { confirmed: false }),
  };
}

/**
 * What to do about a project document the registry may not know; `creatorId` is its first writer, if known, and
 * `trusted` whether that writer's leader and team stand without review (creatorTrusted).
 */
export function decideRegistration(
  read: Pick<ProjectRead, 'project'>,
  registered: boolean,
  creatorId: string | null,
  expectedId: string,
  trusted = false,
): RegistrationDecision {
  if (registered) return { kind: 'registered' };
  if (!read.project.ok) {
    return read.project.raw === null || (typeof read.project.raw === 'object' && Object.keys(read.project.raw).length === 0)
      ? { kind: 'empty' }
      : { kind: 'invalid', reasons: read.project.reasons };
  }
  if (read.project.value.id !== expectedId) {
    return { kind: 'invalid', reasons: [{ path: 'id', key: 'err.model.keyMismatch', params: {} }] };
  }
  if (creatorId === null) return { kind: 'no-creator' };
  return { kind: 'register', entry: registryEntryFor(read.project.value, creatorId, trusted) };
}

/** Adds the registry line as the server. */
export function registerAsServer(workspaceDoc: Y.Doc, entry: RegistryInput, at: number): ReturnType<typeof registerProject> {
  return registerProject(workspaceDoc, entry, { memberId: 'server', at });
}
