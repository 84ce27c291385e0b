import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JoinedWorkspace } from '../../client/db';
import type { DocHandle } from '../../client/doc-host';
import type { Session } from '../../client/session';

/** Opens a session for the joined workspace while the component is mounted (the popup lives a few seconds). */
export type SessionFactory = (ws: JoinedWorkspace) => Session;

export function useSession(ws: JoinedWorkspace, open: SessionFactory): Session | null {
  const [session, setSession] = useState<Session | null>(null);
  const latest = useRef(ws);
  latest.current = ws;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one session per workspace identity (key, token, member), whatever the ws object's identity
  useEffect(() => {
    const s = open(latest.current);
    setSession(s);
    return () => {
      setSession(null);
      s.close();
    };
  }, [ws.key, ws.token, ws.memberId, open]);
  return session;
}

/** Handles on my project documents, opened while the session lasts; ids are compared by value. */
export function useProjectHandles(session: Session | null, ids: readonly string[]): ReadonlyArray<{ id: string; handle: DocHandle }> {
  const idsKey = ids.join('\n');
  const stableIds = useMemo(() => (idsKey === '' ? [] : idsKey.split('\n')), [idsKey]);
  const [handles, setHandles] = useState<ReadonlyArray<{ id: string; handle: DocHandle }>>([]);
  useEffect(() => {
    if (!session) {
      setHandles([]);
      return;
    }
    const opened = stableIds.map((id) => ({ id, handle: session.project(id) }));
    setHandles(opened);
    return () => {
      for (const { handle } of opened) handle.release();
    };
  }, [session, stableIds]);
  return handles;
}

/**
 * Project documents opened for an edit stay open until the session closes, so an edit made offline is persisted and
 * sent before its document could be destroyed.
 */
/** How long an edit waits for a document it does not hold yet to arrive from the server (offline: it gives up). */
const SETTLE_FOR_EDIT_MS = 10_000;

export function useEditDocs(session: Session | null): (projectId: string, options?: { settled?: boolean }) => Promise<DocHandle['doc']> {
  const opened = useRef(new Map<string, DocHandle>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: the documents opened for edits are released when the session changes
  useEffect(() => {
    const map = opened.current;
    return () => {
      for (const handle of map.values()) handle.release();
      map.clear();
    };
  }, [session]);
  // Stable per session: the actions built on it are part of the view handed to the popup's screen.
  return useCallback(
    async (projectId: string, options: { settled?: boolean } = {}) => {
      if (!session) throw new Error('no session');
      let handle = opened.current.get(projectId);
      if (!handle) {
        handle = session.project(projectId);
        opened.current.set(projectId, handle);
      }
      await handle.whenLocal;
      // a document not stored here yet (a problem I answer for in someone else's project): wait for the server's copy
      if (options.settled) await handle.whenSettled(SETTLE_FOR_EDIT_MS);
      return handle.doc;
    },
    [session],
  );
}
