import { IdSchema } from '../schema/common';

/** Which Yjs document (y-websocket room) a name refers to. */
export type DocName =
  | { kind: 'workspace'; workspaceId: string }
  | { kind: 'project'; workspaceId: string; projectId: string }
  | { kind: 'summary'; workspaceId: string };

export function workspaceDocName(workspaceId: string): string {
  return `ws/${workspaceId}`;
}

export function projectDocName(workspaceId: string, projectId: string): string {
  return `ws/${workspaceId}/project/${projectId}`;
}

export function summaryDocName(workspaceId: string): string {
  return `ws/${workspaceId}/summary`;
}

export function formatDocName(name: DocName): string {
  switch (name.kind) {
    case 'workspace':
      return workspaceDocName(name.workspaceId);
    case 'project':
      return projectDocName(name.workspaceId, name.projectId);
    case 'summary':
      return summaryDocName(name.workspaceId);
  }
}

const isId = (s: string | undefined): s is string => s !== undefined && IdSchema.safeParse(s).success;

/** The document a room name refers to, or null for anything else (the server routes rooms by this). */
export function parseDocName(name: string): DocName | null {
  const parts = name.split('/');
  if (parts[0] !== 'ws' || !isId(parts[1])) return null;
  const workspaceId = parts[1];
  if (parts.length === 2) return { kind: 'workspace', workspaceId };
  if (parts.length === 3 && parts[2] === 'summary') return { kind: 'summary', workspaceId };
  if (parts.length === 4 && parts[2] === 'project' && isId(parts[3])) return { kind: 'project', workspaceId, projectId: parts[3] };
  return null;
}
