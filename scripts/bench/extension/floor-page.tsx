/**
 * The floor for the popup: the very same checklist components (WorkspaceView as the popup paints it first), fed from
 * JSON inlined in the page instead of Dexie. Nothing else: no IndexedDB, no Dexie, no lazy live documents.
 * Built by the benchmark with Vite, as WXT builds the popup (bench-extension-dir.ts).
 */
import { createRoot } from 'react-dom/client';
import type { ChecklistProjection, JoinedWorkspace } from '../../../client/db';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { loadedPageMessages, loadPageMessages } from '../../../components/common/page-messages';
import { READ_ONLY_ACTIONS } from '../../../entrypoints/popup/read-only-actions';
import { popupStatus, WorkspaceView } from '../../../entrypoints/popup/workspace-view';

interface FloorData {
  ws: JoinedWorkspace;
  projection: ChecklistProjection;
}

function main(): void {
  const root = document.getElementById('root');
  const text = document.getElementById('floor-data')?.textContent;
  if (!root || !text) return;
  // The benchmark wrote this file from the profile's own Dexie row a moment ago: it is the popup's input as is.
  const data = JSON.parse(text) as FloorData;
  // As the popup does: its language's messages load before the first render.
  void loadPageMessages('zh-CN').then(() => paint(root, data));
}

function paint(root: HTMLElement, data: FloorData): void {
  const choices = [{ key: data.ws.key, label: data.ws.workspaceName || data.ws.workspaceId }];
  createRoot(root).render(
    <LocaleProvider locale="zh-CN" messages={loadedPageMessages}>
      <WorkspaceView
        ws={data.ws}
        projection={data.projection}
        extras={null}
        actions={READ_ONLY_ACTIONS}
        status={popupStatus(data.ws, { state: 'syncing', unsynced: 0 }, Date.now())}
        workspaces={choices}
        onSwitch={() => {}}
      />
    </LocaleProvider>,
  );
}

main();
