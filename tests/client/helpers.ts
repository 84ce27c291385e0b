import NodeWebSocket from 'ws';
import * as Y from 'yjs';
import { defaultCampaign } from '../../shared/schema/campaign';
import { initProject, type ProjectInput } from '../../shared/model/project-init';
import { initWorkspace } from '../../shared/model/workspace-write';
import type { Author } from '../../shared/model/origin';

export const SERVER = 'http://127.0.0.1:9';
export const SCOPE = `${SERVER}|ws1`;
/** 2026-03-10 10:00 in Shanghai. */
export const MARCH_10 = Date.UTC(2026, 2, 10, 2);
export const alice: Author = { memberId: 'alice', at: MARCH_10 };

let dbCounter = 0;
/** A fresh database name per test (fake-indexeddb lives for the whole file). */
export function freshName(prefix = 'guatu-test'): string {
  dbCounter += 1;
  return `${prefix}-${dbCounter}-${Math.floor(Math.random() * 1e9)}`;
}

/** Lets queued messages (BroadcastChannel, IndexedDB callbacks) run. */
export function flush(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${n++}`;
}

/** A workspace document's whole state (campaign 2026, defaults: 月报 due on the 5th, due soon = 15 days). */
export function workspaceUpdate(build: (doc: Y.Doc) => void = () => {}): Uint8Array {
  const doc = new Y.Doc();
  const r = initWorkspace(doc, { id: 'ws1', name: '某市项目建设年', campaign: defaultCampaign(2026) }, alice);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** A project document's whole state; without the default 前期 milestones, so a test lists exactly its own. */
export function projectUpdate(input: ProjectInput, build: (doc: Y.Doc) => void = () => {}): Uint8Array {
  const doc = new Y.Doc();
  const r = initProject(doc, input, alice, { locale: 'zh-CN', defaultMilestones: false });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** Node 20 has no global WebSocket: the `ws` package stands in (the same cast the server's harness makes). */
export const WS = NodeWebSocket as unknown as typeof globalThis.WebSocket;
