import { useEffect, useState } from 'react';
import { useDb, useLiveQuery, useLocale } from '../../client/hooks';
import { listWorkspaces } from '../../client/join';
import { openSession, type Session } from '../../client/session';
import type { JoinedWorkspace } from '../../client/db';
import { BoardPage } from '../../components/board/board-page';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema';

/** The board as an extension page: the workspace named in `?ws=<key>`, else the first one joined. */
export function ExtensionBoard({ workspaceKey, locale: forced }: { workspaceKey: string | null; locale: Locale | null }) {
  const db = useDb();
  const chosen = useLocale();
  const locale = forced ?? chosen;
  const workspaces = useLiveQuery(() => (db ? listWorkspaces(db) : []), [db]);
  const ws: JoinedWorkspace | undefined = workspaces?.find((w) => w.key === workspaceKey) ?? workspaces?.[0];
  const [session, setSession] = useState<Session | null>(null);

  const key = ws?.key;
  const token = ws?.token;
  useEffect(() => {
    if (!ws) return;
    const opened = openSession(ws);
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
    // A session lasts as long as the workspace and its token do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, token]);

  if (workspaces === undefined) return <p className="muted">{t(locale, 'board.loading')}</p>;
  if (!ws) return <p>{t(locale, 'board.noWorkspace')}</p>;
  if (!session) return <p className="muted">{t(locale, 'board.loading')}</p>;
  return <BoardPage session={session} locale={locale} mode="extension" />;
}
