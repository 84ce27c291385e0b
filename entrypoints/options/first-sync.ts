import type { GuatuDb, JoinedWorkspace } from '../../client/db';
import { refreshProjection } from '../../client/projection';
import type { Session } from '../../client/session';
import { shanghaiDate } from '../../shared/format';

/** How long the options page waits for a just-joined workspace to arrive before computing from what came. */
const FIRST_SYNC_SETTLE_MS = 10_000;

/**
 * Right after joining: pull the workspace once, so the list shows its name and my name, and the popup has a checklist
 * to paint the first time it opens (the worker's next pass would do it too, up to 15 minutes later).
 */
export async function firstSync(db: GuatuDb, ws: JoinedWorkspace, open: (ws: JoinedWorkspace) => Session, now: () => number = Date.now): Promise<void> {
  const session = open(ws);
  try {
    await refreshProjection(db, session, shanghaiDate(now()), { settleMs: FIRST_SYNC_SETTLE_MS, now });
  } finally {
    session.close();
  }
}
