import { waitFor } from '../wait-for';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createSilentLogger } from '../../../server/log';
import { createMetrics, type SyncMetrics } from '../../../server/metrics';
import type { DocumentStore } from '../../../server/storage/document-store';
import { createSyncServer, type SyncServer } from '../../../server/sync/sync-server';
import type { Principal, Rights, SyncLimits, SyncServerConfig } from '../../../server/sync/config';
import { MemoryStore } from './memory-store';

/**
 * Test tokens are "<memberId>:<role>"; "expired" and anything without a colon is refused.
 * Documents starting with "secret/" are closed to everyone; "observer" reads everything and writes nothing.
 */
export async function testAuthenticate(token: string | null): Promise<Principal | { failure: 'missing' | 'invalid' | 'expired' }> {
  if (token === null) return { failure: 'missing' };
  if (token === 'expired') return { failure: 'expired' };
  const [memberId, role] = token.split(':');
  if (!memberId || (role !== 'admin' && role !== 'leader' && role !== 'member' && role !== 'observer')) return { failure: 'invalid' };
  return { workspaceId: 'ws1', memberId, role };
}

export async function testAuthorize(principal: Principal, docName: string): Promise<Rights> {
  if (docName.startsWith('secret/')) return { read: false, write: false };
  return { read: true, write: principal.role !== 'observer' };
}

export interface TestServer {
  server: SyncServer;
  url: string;
  port: number;
  store: DocumentStore;
  metrics: SyncMetrics;
  stop(): Promise<void>;
}

export async function startServer(
  options: { store?: DocumentStore; limits?: Partial<SyncLimits>; port?: number } & Partial<
    Pick<SyncServerConfig, 'onDocumentUpdate' | 'logger' | 'authenticate' | 'admissionScheduler'>
  > = {},
): Promise<TestServer> {
  const store = options.store ?? new MemoryStore();
  const metrics = createMetrics();
  const server = createSyncServer({
    store,
    authenticate: options.authenticate ?? testAuthenticate,
    authorize: testAuthorize,
    logger: options.logger ?? createSilentLogger(),
    metrics,
    limits: { idleUnloadMs: 60_000, ...options.limits },
    onDocumentUpdate: options.onDocumentUpdate,
    admissionScheduler: options.admissionScheduler,
  });
  const { port } = await server.listen(options.port ?? 0, '127.0.0.1');
  return { server, url: `ws://127.0.0.1:${port}`, port, store, metrics, stop: () => server.close() };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the provider saw, in order. */
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/** The stock y-websocket client in Node, as the extension will use it. */
export function connectClient(url: string, room: string, token: string | null, doc = new Y.Doc()): TestClient {
  const closes: Array<{ code: number; reason: string }> = [];
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token === null ? {} : { token },
    disableBc: true,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy();
    },
  };
}

export { waitFor };

/**
 * The presence states `client` sees of the others. The server shows them under aliases, never under the Yjs client ids
 * they came with (issue #13), so they are found by what they say.
 */
export function peersPresence(client: TestClient): Array<Record<string, unknown>> {
  return [...client.provider.awareness.getStates()].filter(([id]) => id !== client.doc.clientID).map(([, state]) => state);
}

export function synced(client: TestClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'provider synced');
}

/** A raw ws socket for sending hand-made frames; resolves when open. */
export async function rawSocket(url: string, room: string, token: string | null, options: WebSocket.ClientOptions = {}): Promise<RawSocket> {
  const ws = new WebSocket(`${url}/${room}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`, options);
  let markClosed = (_closed: { code: number; reason: string }): void => {};
  const whenClosed = new Promise<{ code: number; reason: string }>((resolve) => {
    markClosed = resolve;
  });
  const raw: RawSocket = { ws, received: [], closed: null, whenClosed };
  ws.on('message', (data: Buffer) => raw.received.push(new Uint8Array(data)));
  ws.on('close', (code, reason) => {
    raw.closed = { code, reason: reason.toString() };
    markClosed(raw.closed);
  });
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return raw;
}

export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  closed: { code: number; reason: string } | null;
  whenClosed: Promise<{ code: number; reason: string }>;
}

/** Resolves with `promise`, or rejects after `timeoutMs` naming `what`. */
export function within<T>(promise: Promise<T>, what: string, timeoutMs = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function closedWith(raw: RawSocket): Promise<number> {
  return waitFor(() => raw.closed !== null, 'socket closed').then(() => raw.closed?.code ?? -1);
}

export async function metricValue(metrics: SyncMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
  return values.filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value)).reduce((sum, v) => sum + v.value, 0);
}

/**
 * Servers and clients that are stopped after each test, newest first: call once at the top of a test file
 * (it registers its own afterEach).
 */
export function trackedServers(afterEach: (fn: () => Promise<void>) => void): {
  server(options?: Parameters<typeof startServer>[0]): Promise<TestServer>;
  client(url: string, room: string, token: string | null, doc?: Y.Doc): TestClient;
  cleanups: Array<() => Promise<void> | void>;
} {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    async server(options = {}) {
      const started = await startServer(options);
      cleanups.push(() => started.stop());
      return started;
    },
    client(url, room, token, doc) {
      const c = connectClient(url, room, token, doc);
      cleanups.push(() => c.destroy());
      return c;
    },
  };
}
