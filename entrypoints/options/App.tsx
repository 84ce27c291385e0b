import { useCallback, useEffect, useState } from 'react';
import { setDefaultLocale, setLocale, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import type { StorageStatus } from '../../client/device-storage';
import { deviceStorageView, type DeviceStorageView } from '../../client/view-models/device-storage';
import type { ManagedSettings } from '../../shared/schema/managed-settings';
import { DevicePanel } from '../../components/options/device-panel';
import { DbContext, useLiveQuery, useLocale } from '../../client/db-hooks';
import { isExpired, joinWorkspace, leaveWorkspace, listWorkspaces } from '../../client/join';
import type { JoinLinkParams } from '../../client/invite-link';
import { canAdminister } from '../../shared/rights';
import { LocaleProvider, useMessages } from '../../components/common/i18n-context';
import { pageMessages } from '../../shared/i18n/extension-pages';
import { DEFAULT_SERVER_URL, JoinForm, type JoinFormOutcome } from '../../components/options/join-form';
import { LanguageSwitch } from '../../components/options/language-switch';
import { WorkspaceList, type WorkspaceEntry } from '../../components/options/workspace-list';

export interface OptionsAppProps {
  db: GuatuDb;
  /** For tests: the network. */
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Server and code from an invite link (`options.html?server=…&code=…`, client/invite-link.ts). */
  joinLink?: JoinLinkParams | null;
  /** After a successful join (the page pulls the workspace once; tests watch it). */
  onJoined?: (ws: JoinedWorkspace) => void;
  /**
   * This computer: persistent storage (asked for once the page opens) and the organisation's policy settings
   * (client/device-storage.ts); absent in tests that do not look at them.
   */
  device?: { ensureStorage(): Promise<StorageStatus>; readManaged(): Promise<ManagedSettings> };
}

function Options({ db, fetch, now = Date.now, onJoined, joinLink = null, device }: OptionsAppProps) {
  const { t, locale } = useMessages();
  const joined = useLiveQuery(() => listWorkspaces(db), [db]);
  // "Rejoin" prefills the join form with that workspace's server and remounts it (focus on the code).
  const [prefill, setPrefill] = useState<{ serverUrl: string; code: string; n: number }>({
    serverUrl: joinLink?.serverUrl ?? DEFAULT_SERVER_URL,
    code: joinLink?.code ?? '',
    n: 0,
  });
  const [storage, setStorage] = useState<DeviceStorageView | null>(null);
  const [managedServerUrl, setManagedServerUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!device) return;
    let live = true;
    void device.ensureStorage().then((status) => live && setStorage(deviceStorageView(status)));
    void device.readManaged().then((managed) => {
      if (!live) return;
      if (managed.locale) void setDefaultLocale(db, managed.locale);
      const url = managed.serverUrl;
      if (!url) return;
      setManagedServerUrl(url);
      // the organisation's address fills the form unless an invite link brought one
      if (!joinLink?.serverUrl) setPrefill((p) => (p.n === 0 ? { ...p, serverUrl: url, n: 1 } : p));
    });
    return () => {
      live = false;
    };
  }, [device, db, joinLink]);

  const onJoin = useCallback(
    async (serverUrl: string, code: string): Promise<JoinFormOutcome> => {
      const outcome = await joinWorkspace(db, serverUrl, code, { locale, ...(fetch ? { fetch } : {}), now });
      if (!outcome.ok) return outcome;
      onJoined?.(outcome.workspace);
      return { ok: true, workspaceName: outcome.workspace.workspaceName || outcome.workspace.workspaceId };
    },
    [db, fetch, now, locale, onJoined],
  );

  const entries: WorkspaceEntry[] = (joined ?? []).map((ws) => ({
    key: ws.key,
    workspaceName: ws.workspaceName,
    memberName: ws.memberName,
    role: ws.role,
    serverUrl: ws.serverUrl,
    expired: isExpired(ws, now()),
  }));

  return (
    <main className="options">
      <h1>{t('ui.options.title')}</h1>
      <JoinForm key={prefill.n} initialServerUrl={prefill.serverUrl} initialCode={prefill.code} onJoin={onJoin} />
      <section className="joined-workspaces" aria-label={t('ui.workspaces.title')}>
        <h2>{t('ui.workspaces.title')}</h2>
        {joined ? (
          <WorkspaceList
            workspaces={entries}
            onLeave={(key) => leaveWorkspace(db, key)}
            onRejoin={(entry) => setPrefill((p) => ({ serverUrl: entry.serverUrl, code: '', n: p.n + 1 }))}
            adminHref={(entry) => (canAdminister(entry.role) ? `/admin.html?ws=${encodeURIComponent(entry.key)}` : null)}
          />
        ) : null}
      </section>
      {device ? <DevicePanel storage={storage} managedServerUrl={managedServerUrl} /> : null}
      <LanguageSwitch onChange={(l) => void setLocale(db, l)} />
    </main>
  );
}

function Localised(props: OptionsAppProps) {
  const locale = useLocale();
  return (
    <LocaleProvider locale={locale} messages={pageMessages}>
      <Options {...props} />
    </LocaleProvider>
  );
}

/** The options page: join a workspace with an invite code, list and leave joined ones, choose the language. */
export function App(props: OptionsAppProps) {
  return (
    <DbContext.Provider value={props.db}>
      <Localised {...props} />
    </DbContext.Provider>
  );
}
