import { projectDocName, summaryDocName, workspaceDocName } from '../shared/model/doc-names';
import { ProjectIdSchema } from '../shared/schema/common';
import type { Author } from '../shared/model/origin';
import type { JoinedWorkspace } from './db';
import { createDocHost, type DocHandle, type DocHost, type DocHostOptions } from './doc-host';

export type SessionOptions = Partial<
  Pick<DocHostOptions, 'WebSocketPolyfill' | 'persistence' | 'relay' | 'connect' | 'maxBackoffTime' | 'rateLimitPauseMs' | 'onError'>
> & {
  /** The clock every edit is stamped with (epoch ms). */
  now?: () => number;
};

/**
 * One joined workspace open on a page: the workspace document stays open for the session; the summary and project
 * documents open on demand. Each `summary()` / `project(id)` call takes a reference on the shared document: release
 * it when done (`close()` releases everything).
 */
export interface Session {
  ws: JoinedWorkspace;
  host: DocHost;
  /** Who edits and when: the joined member, now. */
  author(): Author;
  workspace: DocHandle;
  summary(): DocHandle;
  project(projectId: string): DocHandle;
  close(): void;
}

export function openSession(ws: JoinedWorkspace, options: SessionOptions = {}): Session {
  const { now = Date.now, ...hostOptions } = options;
  const host = createDocHost({ serverUrl: ws.serverUrl, token: ws.token, scope: ws.key, ...hostOptions });
  return {
    ws,
    host,
    author: () => ({ memberId: ws.memberId, at: now() }),
    workspace: host.open(workspaceDocName(ws.workspaceId)),
    summary: () => host.open(summaryDocName(ws.workspaceId)),
    project: (projectId) => host.open(projectDocName(ws.workspaceId, ProjectIdSchema.parse(projectId))),
    close: () => host.destroy(),
  };
}
