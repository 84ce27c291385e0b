import type * as z from 'zod/mini';
import { ProjectIdSchema, WorkspaceIdSchema, type ProjectId, type WorkspaceId } from '../schema/common';

/** The name of one Yjs document (a y-websocket room), e.g. `ws/anping-2026/project/p-0001`. */
export type DocName = string & z.$brand<'DocName'>;

/** Which Yjs document a name refers to. */
export type DocRef =
  | { kind: 'workspace'; workspaceId: WorkspaceId }
  | { kind: 'project'; workspaceId: WorkspaceId; projectId: ProjectId }
  | { kind: 'summary'; workspaceId: WorkspaceId };

export function workspaceDocName(workspaceId: string): DocName {
  return `ws/${workspaceId}` as DocName;
}

export function projectDocName(workspaceId: string, projectId: ProjectId): DocName {
  return `ws/${workspaceId}/project/${projectId}` as DocName;
}

export function summaryDocName(workspaceId: string): DocName {
  return `ws/${workspaceId}/summary` as DocName;
}

/** Where the names of a workspace's project documents start (to list them in a store). */
export function projectDocNamePrefix(workspaceId: string): string {
  return `ws/${workspaceId}/project/`;
}

export function formatDocName(ref: DocRef): DocName {
  switch (ref.kind) {
    case 'workspace':
      return workspaceDocName(ref.workspaceId);
    case 'project':
      return projectDocName(ref.workspaceId, ref.projectId);
    case 'summary':
      return summaryDocName(ref.workspaceId);
  }
}

/** The document a room name refers to, or null for anything else (the server routes rooms by this). */
export function parseDocName(name: string): DocRef | null {
  const parts = name.split('/');
  const workspaceId = WorkspaceIdSchema.safeParse(parts[1]);
  if (parts[0] !== 'ws' || !workspaceId.success) return null;
  if (parts.length === 2) return { kind: 'workspace', workspaceId: workspaceId.data };
  if (parts.length === 3 && parts[2] === 'summary') return { kind: 'summary', workspaceId: workspaceId.data };
  const projectId = ProjectIdSchema.safeParse(parts[3]);
  if (parts.length === 4 && parts[2] === 'project' && projectId.success) return { kind: 'project', workspaceId: workspaceId.data, projectId: projectId.data };
  return null;
}
