import { waitFor as waitForCondition } from '../wait-for';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createApp, type App, type AppOptions } from '../../../server/app';
import { checkBundleText } from '../../../server/bundle/validate-bundle';
import type { GuatuBundle } from '../../../server/bundle/bundle-format';
import type { AppConfig } from '../../../server/config';
import { createSilentLogger } from '../../../server/log';

export function testConfig(dataDir: string, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    publicUrl: null,
    tokenTtlSeconds: 30 * 86_400,
    logLevel: 'silent',
    demo: true,
    demoScale: 'county',
    wallDir: `${dataDir}/no-extension-build`,
    ...overrides,
  };
}

export interface Running {
  app: App;
  url: string;
  wsUrl: string;
}

/** An app on port 0 with quick derivation (real timers, 10 ms quiet time). */
export async function startApp(dataDir: string, overrides: Partial<AppConfig> = {}, options: AppOptions = {}): Promise<Running> {
  const app = await createApp(testConfig(dataDir, overrides), {
    logger: createSilentLogger(),
    projectDebounceMs: 10,
    ...options,
  });
  const { url } = await app.listen();
  return { app, url, wsUrl: url.replace(/^http/, 'ws') };
}

export interface Joined {
  token: string;
  memberId: string;
  workspaceId: string;
  role: string;
}

/** POST /api/join with a printed code, as the options page does. */
export async function joinWith(url: string, code: string): Promise<Joined> {
  const res = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const body: unknown = await res.json();
  if (res.status !== 200 || typeof body !== 'object' || body === null) throw new Error(`join refused: ${res.status} ${JSON.stringify(body)}`);
  const { token, memberId, workspaceId, role } = body as Record<string, unknown>;
  if (typeof token !== 'string' || typeof memberId !== 'string' || typeof workspaceId !== 'string' || typeof role !== 'string') {
    throw new Error(`unexpected join answer ${JSON.stringify(body)}`);
  }
  return { token, memberId, workspaceId, role };
}

/** Joins with the invite the demo start printed for `role`, as a person typing it into the options page would. */
export async function joinDemo(running: Running, role: 'admin' | 'leader' | 'member' | 'observer'): Promise<Joined> {
  const startup = running.app.startup;
  if (startup.kind !== 'demo') throw new Error('expected a demo start');
  const invite = startup.invites.find((i) => i.role === role);
  if (!invite) throw new Error(`no ${role} invite`);
  return joinWith(running.url, invite.code);
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  destroy(): void;
}

/** The stock y-websocket client, as the extension uses it. */
export function connect(wsUrl: string, room: string, token: string, doc = new Y.Doc()): Client {
  const closes: number[] = [];
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { doc, provider, closes, destroy: () => provider.destroy() };
}

/** Waits up to 10 s: app tests start whole servers. */
export const waitFor = (condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => waitForCondition(condition, what, timeoutMs);

export const synced = (client: Client): Promise<void> => waitFor(() => client.provider.synced, 'client synced');

/** The complete example of docs/bundle-format.md, parsed and checked. */
export function exampleBundleText(): string {
  const md = readFileSync(resolve(import.meta.dirname, '../../../docs/bundle-format.md'), 'utf8');
  const json = /```json\n([\s\S]*?)```/.exec(md)?.[1];
  if (!json) throw new Error('docs/bundle-format.md has no json example');
  return json;
}

export function exampleBundle(): GuatuBundle {
  const checked = checkBundleText(exampleBundleText());
  if (!checked.ok) throw new Error(`the documented example does not import: ${JSON.stringify(checked.errors)}`);
  return checked.bundle;
}

export async function getJson(url: string, token: string | null, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, body: await res.json() };
}

/** Waits for an asynchronous condition (a REST answer, the store), up to 10 s. */
export const eventually = (condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> => waitForCondition(condition, what, timeoutMs);
