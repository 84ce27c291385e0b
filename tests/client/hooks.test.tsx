// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openGuatuDb, readWorkspaces, setLocale, type GuatuDb } from '../../client/db';
import type { DocHandle } from '../../client/doc-handle';
import { DbContext, useLiveQuery, useLocale } from '../../client/db-hooks';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import { createStatusCell } from '../../client/sync-status';
import { t } from '../../shared/i18n';
import { addUnit } from '../../shared/model/workspace-write';
import { readWorkspace, type WorkspaceRead } from '../../shared/model/workspace-read';
import { alice, freshName, workspaceUpdate } from './helpers';

const dbs: GuatuDb[] = [];
afterEach(async () => {
  cleanup();
  for (const db of dbs.splice(0)) await db.delete();
});
const newDb = () => {
  const db = openGuatuDb(freshName('hooks'));
  dbs.push(db);
  return db;
};

function WorkspaceCount({ db }: { db: GuatuDb }) {
  const rows = useLiveQuery(() => readWorkspaces(db), [db]);
  return <p>{rows === undefined ? 'loading' : `joined ${rows.length}`}</p>;
}

const unitCount = (read: WorkspaceRead | undefined) => read?.units.length ?? -1;
function Units({ handle }: { handle: DocHandle }) {
  const read = useDocRead(handle, readWorkspace);
  return <p>units {unitCount(read)}</p>;
}

function Greeting() {
  const locale = useLocale();
  return <p>{t(locale, 'client.sync.online')}</p>;
}

function StatusLine({ status }: { status: Parameters<typeof useSyncStatus>[0] }) {
  const s = useSyncStatus(status);
  return <p>{`${s.state} ${s.unsynced}`}</p>;
}

describe('React hooks of the data layer', () => {
  it('useLiveQuery shows a Dexie query and follows later writes', async () => {
    const db = newDb();
    render(<WorkspaceCount db={db} />);
    await screen.findByText('joined 0');
    await db.workspaces.put({
      key: 'k',
      serverUrl: 'http://x',
      workspaceId: 'w',
      workspaceName: '',
      memberId: 'm',
      memberName: '',
      role: 'member',
      token: 't',
      expiresAt: 1,
      joinedAt: 1,
    });
    await screen.findByText('joined 1');
  });

  it('useDocRead re-renders when the document changes', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, workspaceUpdate());
    const status = createStatusCell({ state: 'offline', unsynced: 0 });
    const handle: DocHandle = { name: 'ws/ws1', doc, whenLocal: Promise.resolve(), status, whenSettled: async () => true, release: () => {} };
    render(<Units handle={handle} />);
    expect(screen.getByText('units 0')).toBeTruthy();
    act(() => {
      addUnit(doc, { name: '高新区', kind: 'county', headId: null }, alice);
    });
    expect(screen.getByText('units 1')).toBeTruthy();
  });

  it('useSyncStatus follows the status store', () => {
    const status = createStatusCell({ state: 'offline', unsynced: 2 });
    render(<StatusLine status={status} />);
    expect(screen.getByText('offline 2')).toBeTruthy();
    act(() => status.set({ state: 'online', unsynced: 0 }));
    expect(screen.getByText('online 0')).toBeTruthy();
  });

  it('useLocale reads the chosen language from the provided database, zh-CN until then', async () => {
    const db = newDb();
    await setLocale(db, 'en');
    render(
      <DbContext.Provider value={db}>
        <Greeting />
      </DbContext.Provider>,
    );
    await waitFor(() => expect(screen.getByText('Synced')).toBeTruthy());
    await act(async () => setLocale(db, 'zh-CN'));
    await screen.findByText('已同步');
  });
});
