import * as Y from 'yjs';
import type { JoinedWorkspace } from '../../../client/db';
import type { DocHandle, DocHost, SyncStatus, SyncStatusStore } from '../../../client/doc-host';
import type { Session } from '../../../client/session';

function statusStore(status: SyncStatus): SyncStatusStore {
  return { subscribe: () => () => {}, getSnapshot: () => status };
}

/**
 * A session over in-memory documents (no IndexedDB, no server): `whenLocal` resolves when `loaded` does, so a test can
 * hold the documents back and look at what the popup painted before.
 */
export function fakeSession(
  ws: JoinedWorkspace,
  docs: { workspace: Y.Doc; projects: ReadonlyMap<string, Y.Doc> },
  opts: { loaded?: Promise<void>; status?: SyncStatus; at?: () => number } = {},
): Session {
  const status = statusStore(opts.status ?? { state: 'online', unsynced: 0 });
  const loaded = opts.loaded ?? Promise.resolve();
  const summary = new Y.Doc();
  const handle = (name: string, doc: Y.Doc): DocHandle => ({ name, doc, whenLocal: loaded, status, whenSettled: async () => true, release() {} });
  const open = (name: string): DocHandle => {
    const projectId = name.split('/project/')[1];
    if (projectId !== undefined) return handle(name, docs.projects.get(projectId) ?? new Y.Doc());
    if (name.endsWith('/summary')) return handle(name, summary);
    return handle(name, docs.workspace);
  };
  const host: DocHost = { open, status, whenSettled: async () => true, connect() {}, disconnect() {}, destroy() {} };
  return {
    ws,
    host,
    author: () => ({ memberId: ws.memberId, at: opts.at?.() ?? Date.UTC(2026, 3, 3, 2) }),
    workspace: open(`ws/${ws.workspaceId}`),
    summary: () => open(`ws/${ws.workspaceId}/summary`),
    project: (id) => open(`ws/${ws.workspaceId}/project/${id}`),
    close() {},
  };
}
