import { useEffect, useState } from 'react';
import { chooseWorkspace } from '../../client/board-start';
import type { GuatuDb, JoinedWorkspace } from '../../client/db';
import { DbContext, useLiveQuery, useLocale } from '../../client/db-hooks';
import { listWorkspaces } from '../../client/join';
import { openSession, type Session } from '../../client/session';
import { LocaleProvider } from '../../components/common/i18n-context';
import { pageMessages } from '../../shared/i18n/extension-pages';
import { useAdminMessages } from '../../components/admin/admin-messages';
import { AdminPage } from './admin-page';

export interface AdminAppProps {
  db: GuatuDb;
  /** `?ws=<key>`: the workspace to administer; else the first one I am admin of, else the first joined. */
  workspaceKey: string | null;
}

function pick(workspaces: readonly JoinedWorkspace[], wanted: string | null): JoinedWorkspace | undefined {
  if (wanted !== null) return chooseWorkspace(workspaces, wanted);
  return workspaces.find((w) => w.role === 'admin') ?? workspaces[0];
}

function Console({ db, workspaceKey }: AdminAppProps) {
  const { t } = useAdminMessages();
  const workspaces = useLiveQuery(() => listWorkspaces(db), [db]);
  const ws = workspaces ? pick(workspaces, workspaceKey) : undefined;
  const [session, setSession] = useState<Session | null>(null);
  const key = ws?.key;
  const token = ws?.token;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a session lasts as long as the workspace and its token do (not the ws object's identity)
  useEffect(() => {
    if (!ws) return;
    // An expired token is not sent: the documents open from IndexedDB and edits wait for a rejoin.
    const opened = openSession(ws, { connect: ws.expiresAt > Date.now() });
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [key, token]);

  if (workspaces === undefined) return <p className="admin-loading">{t('admin.loading')}</p>;
  if (!ws) {
    return (
      <main className="admin">
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.noWorkspace')}</p>
        <a href="/options.html">{t('admin.openOptions')}</a>
      </main>
    );
  }
  if (!session || session.ws.key !== ws.key) return <p className="admin-loading">{t('admin.loading')}</p>;
  return <AdminPage session={session} ws={ws} />;
}

function Localised(props: AdminAppProps) {
  const locale = useLocale();
  return (
    <LocaleProvider locale={locale} messages={pageMessages}>
      <Console {...props} />
    </LocaleProvider>
  );
}

/** The admin console page (项目办): opens the chosen workspace's documents and hands them to the console. */
export function App(props: AdminAppProps) {
  return (
    <DbContext.Provider value={props.db}>
      <Localised {...props} />
    </DbContext.Provider>
  );
}
