import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages';
import { createSilentLogger } from '../../../server/log';
import { createMetrics, type SyncMetrics } from '../../../server/metrics';
import type { SyncLimits, SyncServerConfig } from '../../../server/sync/config';
import { createSyncServer, type SyncServer } from '../../../server/sync/sync-server';
import { testAuthenticate, testAuthorize } from './harness';
import { MemoryStore } from './memory-store';
import { MemorySocketPair, type MemoryClient } from './memory-socket';

/** Event-loop turns settle() waits at most: a test that needs more has a server that never goes quiet. */
const MAX_SETTLE_TURNS = 200;

export interface MemoryServer {
  server: SyncServer;
  store: MemoryStore;
  metrics: SyncMetrics;
  /** Opens a socket to `room` with `token` (as `?token=`); nothing reaches the server until a flush. */
  connect(room: string, token: string | null): MemoryClient;
  /** Delivers every queued frame of every socket, both ways (see MemorySocketPair.flush); returns how many. */
  flush(): number;
  /**
   * Lets the server finish its asynchronous steps (admission, token check, document load, group commit), flushing
   * between event-loop turns, until a turn passes with nothing to deliver. No timers: the memory store answers at once.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A sync server with the test auth (tokens "<member>:<role>") served over memory sockets instead of a port. */
export function memoryServer(
  options: { store?: MemoryStore; limits?: Partial<SyncLimits> } & Partial<Pick<SyncServerConfig, 'rights' | 'now'>> = {},
): MemoryServer {
  const store = options.store ?? new MemoryStore();
  const metrics = createMetrics();
  const base = {
    store,
    authenticate: testAuthenticate,
    logger: createSilentLogger(),
    metrics,
    now: options.now,
    limits: { idleUnloadMs: 60_000, ...options.limits },
  };
  const server = createSyncServer(options.rights ? { ...base, rights: options.rights } : { ...base, authorize: testAuthorize });
  const pairs: MemorySocketPair[] = [];
  const flush = (): number => pairs.reduce((delivered, pair) => delivered + pair.flush(), 0);
  return {
    server,
    store,
    metrics,
    connect(room, token) {
      const pair = new MemorySocketPair();
      pairs.push(pair);
      server.accept(pair.server, upgradeRequest(`/${room}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`));
      return pair.client;
    },
    flush,
    async settle() {
      let quietTurns = 0;
      for (let turn = 0; turn < MAX_SETTLE_TURNS; turn++) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        quietTurns = flush() === 0 ? quietTurns + 1 : 0;
        if (quietTurns === 2) return;
      }
      throw new Error(`memory server: still busy after ${MAX_SETTLE_TURNS} event-loop turns`);
    },
    stop: () => server.close(),
  };
}

/** The HTTP request a WebSocket upgrade would have brought. */
function upgradeRequest(url: string): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.url = url;
  return request;
}

/**
 * A Yjs client on a memory socket, speaking y-protocols sync as the stock y-websocket client does: it answers the
 * server's step 1, applies what it is sent, and sends its own changes as updates.
 */
export class MemoryDocClient {
  readonly doc: Y.Doc;

  constructor(
    readonly socket: MemoryClient,
    doc = new Y.Doc(),
  ) {
    this.doc = doc;
    socket.onMessage = (bytes) => this.receive(bytes);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) socket.send(encodeSyncMessage(SyncMessageType.update, update));
    });
    socket.send(encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(doc)));
  }

  /** The top-level map `name` as plain JSON. */
  map(name = 'project'): Record<string, unknown> {
    return this.doc.getMap(name).toJSON();
  }

  private receive(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.sync);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1) this.socket.send(encoding.toUint8Array(reply));
  }
}
