/**
 * A project as the 项目办 manages it in the admin console: its own document and its line in the workspace registry
 * (which decides who may write the document, and lists it on the board) change together. Two documents cannot share
 * one transaction: the project document is written first, and the registry line only once it was accepted, so a
 * refused edit changes neither. Each write is attributed to the author, offline like every edit.
 */
import type * as Y from 'yjs';
import type { ProjectEdit } from '../schema/project';
import { archiveProject, editProject, restoreProject } from './project-edit';
import { initProject, type InitProjectOptions, type ProjectInput } from './project-init';
import type { Author } from './origin';
import { fieldError, type ModelResult } from './result';
import { readWorkspace } from './workspace-read';
import { archiveRegistryEntry, registerProject, restoreRegistryEntry, updateRegistryEntry, type RegistryPatch } from './workspace-write';
import { err, ok } from '../result';

/** The project fields the registry keeps its own copy of (rights, the board's lists). */
export const REGISTRY_MIRRORED_FIELDS = ['name', 'unitId', 'ownerId', 'leaderId', 'team'] as const;

/** The part of a project edit the registry line must follow. */
export function registryPatchFor(edit: ProjectEdit): RegistryPatch {
  const patch: RegistryPatch = {};
  if (edit.name !== undefined) patch.name = edit.name;
  if (edit.unitId !== undefined) patch.unitId = edit.unitId;
  if (edit.ownerId !== undefined) patch.ownerId = edit.ownerId;
  if (edit.leaderId !== undefined) patch.leaderId = edit.leaderId;
  if (edit.team !== undefined) patch.team = [...edit.team];
  return patch;
}

function isRegistered(workspaceDoc: Y.Doc, projectId: string): boolean {
  return readWorkspace(workspaceDoc).registry.some((r) => (r.ok ? r.value.id : r.id) === projectId);
}

/**
 * Creates a project (with its default 前期 milestones) in an empty project document and registers it in the
 * workspace, trusted (a project the 项目办 enters needs no 审核). Refused, writing nothing, when the id is taken.
 */
export function createRegisteredProject(
  projectDoc: Y.Doc,
  workspaceDoc: Y.Doc,
  input: ProjectInput,
  author: Author,
  opts: InitProjectOptions,
): ModelResult<{ id: string }> {
  if (isRegistered(workspaceDoc, input.id)) return err({ errors: [fieldError('err.model.alreadyExists', 'id')] });
  const created = initProject(projectDoc, input, author, opts);
  if (!created.ok) return created;
  const registered = registerProject(
    workspaceDoc,
    {
      id: input.id,
      name: input.name,
      unitId: input.unitId ?? null,
      ownerId: input.ownerId ?? null,
      leaderId: input.leaderId ?? null,
      team: input.team ?? [],
    },
    author,
  );
  if (!registered.ok) return registered;
  return ok({ id: input.id });
}

/** Edits a project's fields; its registry line follows the name, unit, owner, leader and team. */
export function editRegisteredProject(projectDoc: Y.Doc, workspaceDoc: Y.Doc, projectId: string, edit: ProjectEdit, author: Author): ModelResult {
  const edited = editProject(projectDoc, edit, author);
  if (!edited.ok) return edited;
  const patch = registryPatchFor(edit);
  if (Object.keys(patch).length === 0 || !isRegistered(workspaceDoc, projectId)) return ok();
  return updateRegistryEntry(workspaceDoc, projectId, patch, author);
}

/** Archives a project (deleting is archiving): its document and its registry line. */
export function archiveRegisteredProject(projectDoc: Y.Doc, workspaceDoc: Y.Doc, projectId: string, author: Author): ModelResult {
  const archived = archiveProject(projectDoc, author);
  if (!archived.ok) return archived;
  return isRegistered(workspaceDoc, projectId) ? archiveRegistryEntry(workspaceDoc, projectId, author) : ok();
}

/** Restores an archived project: its document and its registry line. */
export function restoreRegisteredProject(projectDoc: Y.Doc, workspaceDoc: Y.Doc, projectId: string, author: Author): ModelResult {
  const restored = restoreProject(projectDoc, author);
  if (!restored.ok) return restored;
  return isRegistered(workspaceDoc, projectId) ? restoreRegistryEntry(workspaceDoc, projectId, author) : ok();
}
