import { useEffect, useState } from 'react';
import type { JoinedWorkspace } from '../../client/db';
import { openSession, type Session } from '../../client/session';
import { BoardPage } from './board-page';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';

/**
 * The wall display: a plain web page on the sync server. Nothing is kept in this browser (no IndexedDB copy, no relay
 * to extension pages): the meeting-room screen shows what the server holds, read-only.
 */
export function WallBoard({ workspace, locale, rotateSeconds }: { workspace: JoinedWorkspace; locale: Locale; rotateSeconds?: number }) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const opened = openSession(workspace, { persistence: false, relay: false });
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [workspace]);
  if (!session) return <p className="muted">{t(locale, 'board.loading')}</p>;
  return <BoardPage session={session} locale={locale} mode="wall" {...(rotateSeconds === undefined ? {} : { rotateSeconds })} />;
}
