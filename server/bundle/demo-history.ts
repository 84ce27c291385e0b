/**
 * The demo workspace of a first start, stored as the year it simulates: every edit of every project (registration,
 * stage moves, 月报, problems raised, taken up, escalated, closed…) is its own stored update, attributed to the member
 * who would have made it and dated when they would have (server/demo/project-history.ts), so the board's history and the
 * activity (动态) name people, never "系统". Only the summary document, which the server derives, is the server's.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { isModelOrigin } from '../../shared/model/origin';
import type { CalendarDate } from '../../shared/schema/common';
import { err, ok } from '../../shared/result';
import type { AppendRequest } from '../storage/document-store';
import { materializeWorkspace } from '../demo/materialize';
import type { GuatuBundle } from './bundle-format';
import { SERVER_AUTHOR, workspaceExists, type BundleStores, type ImportResult } from './store-bundle';

/** Updates stored per appendMany (one transaction each). */
const APPEND_BATCH = 500;

/** Each transaction's update with the author and time of its model origin (the server's own writes: `server`). */
function recordingDoc(into: AppendRequest[], name: string, now: number): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const local = isModelOrigin(origin) && origin.source === 'local' ? origin : null;
    into.push({ docName: name, update, author: local?.memberId ?? SERVER_AUTHOR, at: local?.at ?? now });
  });
  return doc;
}

export async function importDemoWithHistory(stores: BundleStores, bundle: GuatuBundle, asOf: CalendarDate): Promise<ImportResult> {
  const { workspace } = bundle;
  if (await workspaceExists(stores, workspace.id)) {
    return err({ errors: [{ path: 'workspace.id', key: 'bundle.workspaceExists', params: { id: workspace.id } }] });
  }
  const now = stores.now();
  const updates: AppendRequest[] = [];
  const docs = new Set<Y.Doc>();
  const built = materializeWorkspace(
    { workspace, projects: bundle.projects, asOf },
    {
      withHistory: true,
      withSummary: true,
      createDoc: (name) => {
        const doc = recordingDoc(updates, name, now);
        docs.add(doc);
        return doc;
      },
    },
  );
  for (const doc of docs) doc.destroy();
  if (!built.ok) return err({ errors: built.errors.slice(0, 20).map((message) => ({ path: 'demo', key: 'bundle.format', params: { message } })) });
  for (let start = 0; start < updates.length; start += APPEND_BATCH) await stores.store.appendMany(updates.slice(start, start + APPEND_BATCH));
  await stores.accounts.createWorkspace({ id: workspace.id, name: workspace.name, secret: new Uint8Array(randomBytes(32)), createdAt: now });
  return ok({ workspaceId: workspace.id, documents: docs.size });
}
