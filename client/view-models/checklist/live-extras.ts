import { toWorkspaceData } from '../../../shared/model/bundles';
import type { ProjectRead } from '../../../shared/model/project-read';
import type { RecordRead } from '../../../shared/model/result';
import type { WorkspaceRead } from '../../../shared/model/workspace-read';
import { canEditProject, effectiveRole, projectRights, type Principal } from '../../../shared/rights';
import type { InvalidKind, InvalidLine } from './checklist-data';
import type { LiveExtras } from './checklist-source';

export type { LiveExtras } from './checklist-source';

/** A project document the popup has open, as read through the model. */
export interface LiveProject {
  id: string;
  read: ProjectRead;
}

/** Nothing stored yet (a document not loaded or synced yet) is not an invalid record. */
function isNothing(raw: unknown): boolean {
  return raw === undefined || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0);
}

function invalidLines(reads: readonly RecordRead<unknown>[], kind: InvalidKind, scope: string, projectName?: string): InvalidLine[] {
  const out: InvalidLine[] = [];
  for (const read of reads) {
    if (read.ok || isNothing(read.raw)) continue;
    out.push({ id: `${scope}:${kind}:${read.id}`, kind, recordId: read.id, reasons: read.reasons, ...(projectName ? { projectName } : {}) });
  }
  return out;
}

/**
 * What the open documents add to the stored checklist, for `me` (the joined member and the token's role): invalid
 * records and my role as shared/rights `effectiveRole` decides it.
 */
export function liveExtras(workspaceRead: WorkspaceRead, projects: readonly LiveProject[], me: Pick<Principal, 'memberId' | 'role'>): LiveExtras {
  const workspace = toWorkspaceData(workspaceRead).data;
  const names = new Map((workspace?.registry ?? []).map((e) => [e.id, e.name]));
  const invalid: InvalidLine[] = [
    ...invalidLines([workspaceRead.meta, workspaceRead.campaign], 'workspace', 'ws'),
    ...invalidLines(workspaceRead.targets, 'target', 'ws'),
  ];
  for (const { id, read } of projects) {
    const name = read.project.ok ? read.project.value.name : (names.get(id) ?? id);
    invalid.push(
      ...invalidLines([read.project], 'project', id, name),
      ...invalidLines(read.milestones, 'milestone', id, name),
      ...invalidLines(read.problems, 'problem', id, name),
      ...invalidLines(read.reports, 'report', id, name),
    );
  }
  const member = workspace?.members.find((m) => m.id === me.memberId);
  return {
    workspace,
    invalid,
    role: workspace ? effectiveRole(me, workspace) : me.role,
    memberName: member?.name ?? null,
  };
}

/**
 * Edit controls only where the server accepts the edit (shared/rights.ts). Until the workspace document is read the
 * registry is unknown, so nothing is editable yet; an archived member edits nothing.
 */
export function editRights(memberId: string, extras: LiveExtras | null): (projectId: string) => boolean {
  const workspace = extras?.workspace;
  const role = extras?.role ?? null;
  if (!workspace || role === null) return () => false;
  const entries = new Map(workspace.registry.map((e) => [e.id, e]));
  return (projectId) => canEditProject(role, memberId, entries.get(projectId) ?? null);
}

/**
 * Whether my connection to a project's document writes at all (shared/rights.ts `projectRights`): also where I only
 * answer for a problem (涉及哪个部门，就由哪个部门一把手负责) or confirm 销号 as 督查. The problem actions ask this; the
 * project's own edit controls ask `editRights`.
 */
export function writeRights(memberId: string, extras: LiveExtras | null): (projectId: string) => boolean {
  const workspace = extras?.workspace;
  const role = extras?.role ?? null;
  if (!workspace || role === null) return () => false;
  const entries = new Map(workspace.registry.map((e) => [e.id, e]));
  const view = { members: workspace.members, registry: workspace.registry, units: workspace.units, problemClosure: workspace.campaign.problemClosure };
  return (projectId) => {
    const entry = entries.get(projectId);
    // a project not registered yet is its creator's (the server registers it on first sync)
    return entry === undefined ? role !== 'observer' : projectRights(role, memberId, entry, view).write;
  };
}
