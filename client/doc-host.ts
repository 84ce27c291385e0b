import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { isModelOrigin } from '../shared/model/origin';
import { CloseCode } from '../shared/protocol/close-codes';
import { chunkedWebSocket } from './chunked-websocket';
import { waitForStatus, type DocHandle } from './doc-handle';
import { localDocumentName } from './local-documents';
import { createRelay, relayChannelName, type Relay } from './relay';
import { wsUrlOf } from './server-url';
import {
  combineStatuses,
  createStatusCell,
  isRefusal,
  isUnsendable,
  refusalReason,
  UNSENDABLE_CLOSES_BEFORE_STOP,
  type SyncStatus,
  type SyncStatusCell,
  type SyncStatusStore,
} from './sync-status';
import { createUnsyncedCounter, type UnsyncedCounter, type UnsyncedMemory } from './unsynced-counter';

export type { DocHandle } from './doc-handle';
export type { SyncStatus, SyncStatusStore } from './sync-status';

export interface DocHostOptions {
  /** The server's http(s) base address, normalised (see server-url.ts); the WebSocket address is derived from it. */
  serverUrl: string;
  token: string;
  /** Scopes local storage and relay channels: the workspace key (`${serverUrl}|${workspaceId}`). */
  scope: string;
  /** The WebSocket class (the browser's by default); wrapped so that large frames go in chunks (chunked-websocket.ts). */
  WebSocketPolyfill?: typeof WebSocket;
  /** Keep documents in IndexedDB (y-indexeddb). Default true. */
  persistence?: boolean;
  /** Relay edits to the other pages of the extension over BroadcastChannel. Default true. */
  relay?: boolean;
  /** Connect to the server at once. Default true; `connect()` later otherwise. */
  connect?: boolean;
  /** Longest pause between reconnect attempts (ms). */
  maxBackoffTime?: number;
  /** After a 4429 (rate limited) the client waits this long before reconnecting (ms). Default 60 s. */
  rateLimitPauseMs?: number;
  /** Where a relayed update that does not apply is reported. */
  onError?: (error: unknown) => void;
}

export interface DocHost {
  /** Opens (or shares) a document: IndexedDB first, then the server, and the relay. */
  open(docName: string): DocHandle;
  /** Every open document's status as one (see combineStatuses). */
  status: SyncStatusStore;
  /** Resolves true once every open document is online or refused; false after `timeoutMs`. */
  whenSettled(timeoutMs: number): Promise<boolean>;
  /** Reconnects every document (after the network returns, or after `disconnect`); clears refusals too. */
  connect(): void;
  /** Drops every server connection; edits stay local (and relayed) until `connect`. */
  disconnect(): void;
  destroy(): void;
}

interface OpenDoc {
  doc: Y.Doc;
  refs: number;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | null;
  relay: Relay | null;
  counter: UnsyncedCounter;
  cell: SyncStatusCell;
  whenLocal: Promise<void>;
  refusedCode: number | undefined;
  /** Which refusal of that code it was, when the server names one the pages explain (see refusalReason). */
  refusedReason: string | undefined;
  lastCloseCode: number | undefined;
  /** Closes in a row that refused what this document has to send (isUnsendable). */
  unsendableCloses: number;
  pauseTimer: ReturnType<typeof setTimeout> | undefined;
}

function statusOf(entry: OpenDoc): SyncStatus {
  const unsynced = entry.counter.count();
  if (entry.refusedCode !== undefined) {
    const reason = entry.refusedReason ? { closeReason: entry.refusedReason } : {};
    return { state: 'refused', unsynced, closeCode: entry.refusedCode, ...reason };
  }
  const { provider } = entry;
  const closeCode = entry.lastCloseCode !== undefined ? { closeCode: entry.lastCloseCode } : {};
  if (provider.wsconnected && provider.synced) return { state: 'online', unsynced };
  if (provider.wsconnected) return { state: 'syncing', unsynced, ...closeCode };
  return { state: 'offline', unsynced, ...closeCode };
}

/** The key of the unsynced edits in the document's own IndexedDB database (y-indexeddb's side store). */
const UNSYNCED_KEY = 'unsynced';

/** The unsynced counter's entries kept next to the document, so a page opened again offline still counts them. */
function unsyncedMemory(persistence: IndexeddbPersistence, onError?: (error: unknown) => void): UnsyncedMemory {
  return {
    load: async () => {
      const stored: unknown = await persistence.get(UNSYNCED_KEY);
      return typeof stored === 'string' ? (JSON.parse(stored) as unknown) : null;
    },
    save(entries) {
      persistence.set(UNSYNCED_KEY, JSON.stringify(entries)).catch((error: unknown) => onError?.(error));
    },
  };
}

const isSettled = (s: SyncStatus): boolean => s.state === 'online' || s.state === 'refused';

/**
 * Hosts the documents one page (popup, board, worker) works on: each persisted with y-indexeddb, synced with the
 * y-websocket provider, and relayed to the other pages over BroadcastChannel. Documents are ref-counted.
 */
export function createDocHost(options: DocHostOptions): DocHost {
  const open = new Map<string, OpenDoc>();
  const hostCell = createStatusCell(combineStatuses([]));
  const usePersistence = options.persistence ?? true;
  const useRelay = options.relay ?? true;
  const pauseMs = options.rateLimitPauseMs ?? 60_000;
  let shouldConnect = options.connect ?? true;
  let destroyed = false;
  // Our server takes frames over its size limit in chunks; one class per host, each socket numbers its own transfers.
  const BaseWebSocket = options.WebSocketPolyfill ?? (globalThis.WebSocket as typeof WebSocket | undefined);
  const SocketClass = BaseWebSocket === undefined ? undefined : chunkedWebSocket(BaseWebSocket);

  const refreshHost = (): void => hostCell.set(combineStatuses([...open.values()].map((e) => e.cell.getSnapshot())));

  function openDoc(docName: string): OpenDoc {
    const doc = new Y.Doc();
    const persistence = usePersistence ? new IndexeddbPersistence(localDocumentName(options.scope, docName), doc) : null;
    const relay = useRelay
      ? createRelay(relayChannelName(options.scope, docName), doc, {
          skip: (origin) => persistence !== null && origin === persistence,
          ...(options.onError ? { onRejected: options.onError } : {}),
        })
      : null;
    const provider = new WebsocketProvider(wsUrlOf(options.serverUrl), docName, doc, {
      connect: false,
      params: { token: options.token },
      // Our own relay does the cross-page work (also offline); the provider's would double it.
      disableBc: true,
      ...(SocketClass ? { WebSocketPolyfill: SocketClass } : {}),
      ...(options.maxBackoffTime !== undefined ? { maxBackoffTime: options.maxBackoffTime } : {}),
    });
    const isLocal = (origin: unknown): boolean => {
      if (origin === provider || (persistence !== null && origin === persistence) || (relay !== null && origin === relay.origin)) return false;
      return !isModelOrigin(origin) || origin.source === 'local';
    };
    const whenLocal = persistence
      ? persistence.whenSynced.then(
          () => undefined,
          () => undefined,
        )
      : Promise.resolve();

    const entry: OpenDoc = {
      doc,
      refs: 0,
      provider,
      persistence,
      relay,
      whenLocal,
      counter: { count: () => 0, refused: () => {}, destroy: () => {} },
      cell: createStatusCell({ state: 'offline', unsynced: 0 }),
      refusedCode: undefined,
      refusedReason: undefined,
      lastCloseCode: undefined,
      unsendableCloses: 0,
      pauseTimer: undefined,
    };
    const update = (): void => {
      entry.cell.set(statusOf(entry));
      refreshHost();
    };
    entry.counter = createUnsyncedCounter(doc, provider, isLocal, update, persistence ? unsyncedMemory(persistence, options.onError) : undefined);

    provider.on('status', update);
    provider.on('sync', update);
    provider.on('connection-close', (event) => {
      if (event) {
        entry.lastCloseCode = event.code;
        entry.unsendableCloses = isUnsendable(event.code, event.reason) ? entry.unsendableCloses + 1 : 0;
        if (entry.unsendableCloses >= UNSENDABLE_CLOSES_BEFORE_STOP) {
          // The same work was refused again: every retry would upload it once more for nothing. Stop, and say so.
          clearTimeout(entry.pauseTimer);
          provider.shouldConnect = false;
          entry.refusedCode = event.code;
        } else if (event.code === CloseCode.rateLimited) {
          // 44xx stops the stock client; a rate limit only means "not so fast": come back after a long pause.
          clearTimeout(entry.pauseTimer);
          entry.pauseTimer = setTimeout(() => {
            if (shouldConnect && !destroyed) provider.connect();
          }, pauseMs);
        } else if (isRefusal(event.code)) {
          // the stock provider stops on 44xx by itself; a 4422 client-id-foreign (our unsent edits carry a client id
          // that is another member's, docs/client-id-bindings.md) is refused again on every resend, so it stays stopped
          entry.refusedCode = event.code;
          entry.refusedReason = refusalReason(event.reason);
          if (event.code === CloseCode.changeRefused || event.code === CloseCode.documentTooLarge) entry.counter.refused();
        }
      }
      update();
    });
    void whenLocal.then(() => relay?.hello());
    if (shouldConnect) provider.connect();
    return entry;
  }

  function close(name: string, entry: OpenDoc): void {
    open.delete(name);
    clearTimeout(entry.pauseTimer);
    entry.counter.destroy();
    entry.relay?.destroy();
    entry.provider.awareness.destroy();
    entry.provider.destroy();
    // y-indexeddb closes its database once pending writes are done.
    void entry.persistence?.destroy();
    entry.doc.destroy();
    refreshHost();
  }

  function handleFor(name: string, entry: OpenDoc): DocHandle {
    let released = false;
    return {
      name,
      doc: entry.doc,
      whenLocal: entry.whenLocal,
      status: entry.cell,
      whenSettled: (timeoutMs) => waitForStatus(entry.cell, () => isSettled(entry.cell.getSnapshot()), timeoutMs),
      release() {
        if (released) return;
        released = true;
        entry.refs--;
        if (entry.refs === 0 && open.get(name) === entry) close(name, entry);
      },
    };
  }

  return {
    open(docName) {
      if (destroyed) throw new Error('DocHost used after destroy');
      let entry = open.get(docName);
      if (!entry) {
        entry = openDoc(docName);
        open.set(docName, entry);
        entry.cell.set(statusOf(entry));
        refreshHost();
      }
      entry.refs++;
      return handleFor(docName, entry);
    },
    status: hostCell,
    whenSettled(timeoutMs) {
      const all = (): boolean => [...open.values()].every((e) => isSettled(e.cell.getSnapshot()));
      return waitForStatus(hostCell, all, timeoutMs);
    },
    connect() {
      shouldConnect = true;
      for (const entry of open.values()) {
        entry.refusedCode = undefined;
        entry.refusedReason = undefined;
        entry.unsendableCloses = 0;
        entry.provider.connect();
        entry.cell.set(statusOf(entry));
      }
      refreshHost();
    },
    disconnect() {
      shouldConnect = false;
      for (const entry of open.values()) {
        clearTimeout(entry.pauseTimer);
        entry.provider.disconnect();
      }
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const [name, entry] of [...open]) close(name, entry);
    },
  };
}
