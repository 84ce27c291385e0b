import { useEffect, useMemo, useState } from 'react';
import { createBoardSnapshotWriter, pruneBoardSnapshots } from '../../client/board-snapshot';
import { chooseWorkspace, type BoardStart } from '../../client/board-start';
import { getLocale } from '../../client/db';
import { useDb, useLiveQuery } from '../../client/db-hooks';
import { readReportTemplate } from '../../client/import/mapping-memory';
import { listWorkspaces } from '../../client/join';
import { openSession, type Session } from '../../client/session';
import { afterNextPaint } from '../../components/board/after-paint';
import { BoardPage } from './board-page';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { useSavedBoard } from './use-saved-board';

/** A promise's value once it has settled (undefined before); not Suspense, whose reveal is throttled by 300 ms. */
function useResolved<T>(promise: Promise<T>): T | undefined {
  const [value, setValue] = useState<{ of: Promise<T>; value: T } | null>(null);
  useEffect(() => {
    let current = true;
    void promise.then((v) => {
      if (current) setValue({ of: promise, value: v });
    });
    return () => {
      current = false;
    };
  }, [promise]);
  return value?.of === promise ? value.value : undefined;
}

interface Props {
  workspaceKey: string | null;
  /** `?lang=`: wins over the language chosen in the settings. */
  locale: Locale | null;
  /** The first reads, started before the first render (main.tsx). */
  first: Promise<BoardStart | null>;
}

/**
 * The board as an extension page: the workspace named in `?ws=<key>`, else the first one joined. It paints the saved
 * board first (read before React started) and opens the documents once that has painted; every board derived from
 * them is saved for the next opening. Joined workspaces and the language stay live queries after that.
 */
export function ExtensionBoard({ workspaceKey, locale: forced, first: firstRead }: Props) {
  const db = useDb();
  const first = useResolved(firstRead);
  const liveWorkspaces = useLiveQuery(() => (db ? listWorkspaces(db) : []), [db]);
  const liveLocale = useLiveQuery(() => (db ? getLocale(db) : undefined), [db]);
  const locale = forced ?? liveLocale ?? first?.locale ?? 'zh-CN';
  const workspaces = liveWorkspaces ?? first?.workspaces;
  const ws = workspaces ? chooseWorkspace(workspaces, workspaceKey) : undefined;
  // the 月报 template last imported here (the 导入 page keeps it): live, so an import in another tab offers it at once
  const reportTemplate = useLiveQuery(() => (db && ws ? readReportTemplate(db, ws.key) : null), [db, ws?.key]);
  const saved = useSavedBoard(db, ws, first === undefined ? undefined : (first?.saved ?? null));
  const [session, setSession] = useState<Session | null>(null);

  const key = ws?.key;
  const token = ws?.token;
  const memberId = ws?.memberId;
  const savedRead = saved !== undefined;
  const savedShown = saved !== undefined && saved !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a session lasts as long as the workspace and its token do (not the ws object's identity); the saved board only decides when it starts
  useEffect(() => {
    if (!ws || !savedRead) return;
    let opened: Session | null = null;
    const open = (): void => {
      opened = openSession(ws);
      setSession(opened);
    };
    // Loading the documents holds the main thread for a while: with the saved board on screen, let it paint first.
    let cancel = (): void => {};
    if (savedShown) cancel = afterNextPaint(open);
    else open();
    return () => {
      cancel();
      setSession(null);
      opened?.close();
    };
  }, [key, token, savedRead]);

  const writer = useMemo(
    () => (db && key !== undefined && memberId !== undefined ? createBoardSnapshotWriter(db, { key, memberId }) : null),
    [db, key, memberId],
  );
  useEffect(() => {
    // Snapshots of workspaces left since: leaving does not know this cache.
    if (db && session) void pruneBoardSnapshots(db);
  }, [db, session]);

  if (first === undefined || workspaces === undefined) return <p className="muted">{t(locale, 'board.loading')}</p>;
  if (!ws) return <p>{t(locale, 'board.noWorkspace')}</p>;
  if (saved === undefined) return <p className="muted">{t(locale, 'board.loading')}</p>;
  return (
    <BoardPage
      session={session}
      ws={ws}
      snapshot={saved}
      locale={locale}
      mode="extension"
      {...(writer ? { onSnapshot: writer.write } : {})}
      {...(reportTemplate ? { reportTemplate } : {})}
    />
  );
}
