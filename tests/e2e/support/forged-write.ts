import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { moveStage } from '../../../shared/model/project-edit';
import { projectDocName } from '../../../shared/model/doc-names';
import type { ModelResult } from '../../../shared/model/result';
import type { Stage } from '../../../shared/schema/stage';
import { loadDoc } from '../../../server/bundle/store-bundle';
import type { DemoServer } from './demo-server';
import { ProjectIdSchema } from '../../../shared/schema/common';

/**
 * A stage change built with the model on a copy of the stored project document, as y-websocket's "update" message
 * (messageSync 0, messageYjsUpdate 2, the update): what a tampered page would send past the extension's own checks.
 */
export async function stageUpdateMessage(server: DemoServer, projectId: string, stage: Stage, memberId: string, date: string): Promise<number[]> {
  const doc = await loadDoc(server.running.app.store, projectDocName(server.workspaceId, ProjectIdSchema.parse(projectId)));
  if (!doc) throw new Error(`no stored project ${projectId}`);
  const before = Y.encodeStateVector(doc);
  const moved = moveStage(doc, stage, date, { memberId, at: Date.now() });
  if (!moved.ok) throw new Error(`the model refused the stage: ${JSON.stringify(moved.errors)}`);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return [...encoding.toUint8Array(encoder)];
}

/** Any model edit on a copy of the stored project document, as y-websocket's "update" message (see stageUpdateMessage). */
export async function modelUpdateMessage(server: DemoServer, projectId: string, edit: (doc: Y.Doc) => ModelResult): Promise<number[]> {
  const doc = await loadDoc(server.running.app.store, projectDocName(server.workspaceId, ProjectIdSchema.parse(projectId)));
  if (!doc) throw new Error(`no stored project ${projectId}`);
  const before = Y.encodeStateVector(doc);
  const made = edit(doc);
  if (!made.ok) throw new Error(`the model refused the edit: ${JSON.stringify(made.errors)}`);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return [...encoding.toUint8Array(encoder)];
}

/** The token a joined profile stores (its first workspace), read from an extension page. */
export function storedToken(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('guatu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const rows = open.result.transaction('workspaces').objectStore('workspaces').getAll();
          rows.onsuccess = () => resolve(String((rows.result[0] as { token?: unknown } | undefined)?.token ?? ''));
          rows.onerror = () => reject(rows.error);
        };
      }),
  );
}

export interface RawSendOutcome {
  /** The server answered our sync step 1 after the update: it had handled the update by then. */
  answered: boolean;
  closeCode: number | null;
}

/**
 * From inside an extension page: a plain WebSocket to the document with `token`, sends `message`, then a sync step 1
 * (empty state vector) and waits for the step 2 answer (or a close), so the update has been handled when this returns.
 */
export function sendFromPage(page: Page, wsUrl: string, message: number[]): Promise<RawSendOutcome> {
  return page.evaluate(
    ({ wsUrl, message }) =>
      new Promise<RawSendOutcome>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.binaryType = 'arraybuffer';
        let answered = false;
        const timer = setTimeout(() => {
          ws.close();
          resolve({ answered, closeCode: null });
        }, 10_000);
        ws.onopen = () => {
          ws.send(new Uint8Array(message));
          ws.send(new Uint8Array([0, 0, 1, 0]));
        };
        ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
          const bytes = new Uint8Array(event.data);
          // messageSync (0), syncStep2 (1): the answer to our step 1
          if (bytes[0] === 0 && bytes[1] === 1) {
            answered = true;
            clearTimeout(timer);
            ws.close();
            resolve({ answered, closeCode: null });
          }
        };
        ws.onclose = (event) => {
          clearTimeout(timer);
          resolve({ answered, closeCode: event.code });
        };
      }),
    { wsUrl, message },
  );
}
