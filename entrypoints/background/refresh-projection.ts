import { readWorkspace, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { refreshProjection } from '../../client/projection';
import type { Session } from '../../client/session';
import { shanghaiDate } from '../../shared/format';

export interface ProjectionRefreshDeps {
  db: GuatuDb;
  /** A session over the documents kept locally (no connection: the page that asked holds one). */
  openSession(ws: JoinedWorkspace): Session;
  now(): number;
}

/**
 * The worker's side of REFRESH_PROJECTION_MESSAGE: recomputes a workspace's checklist from its local documents and
 * stores it (client/projection.ts), one at a time per workspace. Resolves false when the workspace is not joined or
 * its documents cannot be read yet.
 */
export function createProjectionRefresh(deps: ProjectionRefreshDeps): (key: string) => Promise<boolean> {
  const last = new Map<string, Promise<boolean>>();
  const once = async (key: string): Promise<boolean> => {
    const ws = await readWorkspace(deps.db, key);
    if (!ws) return false;
    const session = deps.openSession(ws);
    try {
      return (await refreshProjection(deps.db, session, shanghaiDate(deps.now()), { now: deps.now })) !== null;
    } catch {
      return false;
    } finally {
      session.close();
    }
  };
  return (key) => {
    const previous = last.get(key) ?? Promise.resolve(true);
    const next = previous.then(() => once(key));
    last.set(key, next);
    void next.then(() => {
      if (last.get(key) === next) last.delete(key);
    });
    return next;
  };
}
