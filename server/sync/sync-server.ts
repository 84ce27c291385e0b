import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes';
import { decodeClientMessage, type ClientMessage } from '../../shared/protocol/decode-message';
import { KEEP_ALIVE_MESSAGE } from '../../shared/protocol/messages';
import type { RejectReason } from '../metrics';
import type { WriteFence } from '../storage/document-store';
import { defaultLimits, isAuthFailure, type Principal, type Rights, type SyncServerConfig } from './config';
import { AdmissionQueue } from './admission';
import { assembleChunk, chunkAssembler } from './chunked-frames';
import { Connection } from './connection';
import { parseRoomRequest } from './document-name';
import { GovernedRights } from './governed-rights';
import type { AppliedChange } from './applied-change';
import { MemberLedger, utcDay, type MemberSeat } from './member-ledger';
import type { Refusal } from './refusal';
import type { Room } from './room';
import { RoomRegistry } from './room-registry';
import { monitorEventLoop } from './event-loop-monitor';
import type { SyncSocket } from './transport';
import { createWsTransport } from './ws-transport';

/** What `closeConnections` predicates see of a connection. */
export interface ConnectionInfo {
  connectionId: string;
  docName: string;
  principal: Principal | null;
  rights: Rights;
  /** When the connection was accepted (server clock). */
  openedAt: number;
}

/** A document held loaded for a server-side writer; call release() when done. */
export interface ServerDocument {
  readonly name: string;
  /** Read freely; write through write() so the change is stored and sent with an author. */
  readonly doc: Y.Doc;
  /** `fence`: a write only a lease holder may make; a shared store refuses it once the lease moved on. */
  write(change: (doc: Y.Doc) => void, author?: string, fence?: WriteFence): Promise<void>;
  release(): void;
}

export interface SyncStats {
  connections: number;
  documentsLoaded: number;
  rooms: Array<{ name: string; connections: number }>;
}

export interface SyncServer {
  listen(port: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
  /**
   * Serves one socket of any transport as if it had come through this server's upgrade: `request.url` names the
   * document and carries the token. listen() does this for every WebSocket upgrade; tests pass in-memory sockets.
   */
  accept(socket: SyncSocket, request: IncomingMessage): void;
  /** Closes every connection the predicate picks (revocation); returns how many. */
  closeConnections(predicate: (conn: ConnectionInfo) => boolean, code?: number, reason?: string): number;
  getDocument(name: string): Promise<ServerDocument>;
  stats(): SyncStats;
}

/**
 * Connections the kernel may hold completed but not yet accepted. Node's default (511) overflows when a storm of
 * sockets arrives in one moment (1000 members reconnecting after a restart open 2000): the kernel then drops the
 * handshakes it has no room for and the clients retry after 1 s, 3 s, 7 s — a GET /health on a fresh connection
 * waited 7 s while this server's own loop was never late by more than a second. The kernel caps it at
 * net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 8192;

interface Pending {
  message: ClientMessage;
  byteLength: number;
  /** The frame's bytes, re-sent as they are when passed on unchanged (absent: the room encodes it again). */
  frame?: Uint8Array;
}

export function createSyncServer(config: SyncServerConfig): SyncServer {
  const limits = { ...defaultLimits, ...config.limits };
  const { logger, metrics } = config;
  const now = config.now ?? Date.now;
  const connections = new Set<Connection>();
  const ledger = new MemberLedger(limits, config.dayOf ?? utcDay);
  const registry = new RoomRegistry({
    store: config.store,
    logger,
    metrics,
    idleUnloadMs: limits.idleUnloadMs,
    compactionThreshold: limits.compactionThreshold,
    now,
    onDocumentUpdate: config.onDocumentUpdate,
    limits,
    vet: vetChange,
    onChanged: (room, roots) => rights.reevaluate(room, roots),
    cluster: config.cluster,
  });
  const rights = new GovernedRights(config, { registry, refuse });
  let lastKeepAlive: number | null = null;
  /** New connections are admitted a few per event-loop turn (see admission.ts). */
  const admission = new AdmissionQueue({
    perTurn: limits.admissionsPerTurn,
    budgetMs: limits.admissionBudgetMs,
    maxInFlight: limits.admissionsInFlight,
    scheduler: config.admissionScheduler,
  });
  /**
   * Frames of at least `pacedFrameBytes` (a big sync step 2, a large offline edit) cost their decode and apply in one
   * piece: one such frame is handled per event-loop turn, whichever connection sent it, so 45 of them arriving
   * together are not handled back to back while /health and everyone else wait.
   */
  const heavyFrames = new AdmissionQueue({ perTurn: 1, budgetMs: 0, maxInFlight: 1, scheduler: config.admissionScheduler });
  let stopLoopMonitor: (() => void) | null = null;

  /** The key of a member's budget: one person's devices share it. */
  const memberKey = (principal: Principal): string => `${principal.workspaceId}\u0000${principal.memberId}`;

  /** A client's applied change: the policy's write rules, then the daily quota of documents brought into existence. */
  function vetChange(conn: Connection, room: Room, change: AppliedChange, created: boolean): Refusal | null {
    const principal = conn.principal;
    if (principal === null) return { code: CloseCode.serverError, reason: 'server-error', detail: 'no principal' };
    const refused = rights.vet(conn, principal, room, change);
    if (refused !== null) return refused;
    if (created && !ledger.create(memberKey(principal), now())) {
      return { code: CloseCode.rateLimited, reason: 'quota', detail: `more than ${limits.maxCreatedDocumentsPerDay} new documents today` };
    }
    return null;
  }

  let nextConnection = 0;
  let closing = false;
  let keepAliveTimer: ReturnType<typeof setInterval> | null = null;

  /** When each HTTP connection was accepted, or its last response ended (a kept-alive connection's next request). */
  const httpSince = new WeakMap<object, number>();
  const http = createServer((req, res) => {
    const since = httpSince.get(req.socket) ?? performance.now();
    res.once('finish', () => {
      const end = performance.now();
      metrics.httpSeconds.observe((end - since) / 1000);
      httpSince.set(req.socket, end);
    });
    if (config.httpHandler) return config.httpHandler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const transport = createWsTransport({ maxPayloadBytes: limits.maxPayloadBytes });
  http.on('connection', (socket) => httpSince.set(socket, performance.now()));

  http.on('clientError', (_error, socket) => socket.destroy());
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => logger.debug({ err: error.message }, 'upgrade socket error'));
    if (closing) return socket.destroy();
    transport.handleUpgrade(req, socket, head, (upgraded) => handleConnection(upgraded, req));
  });

  function refuse(conn: Connection, code: number, reason: RejectReason, detail?: string): void {
    if (conn.isClosed) return;
    metrics.rejected.inc({ reason });
    conn.logger.warn({ code, reason, detail, member: conn.memberId }, 'connection closed by server');
    conn.close(code, reason);
  }

  function handleConnection(socket: SyncSocket, req: IncomingMessage): void {
    const request = parseRoomRequest(req.url);
    const conn = new Connection(`c${++nextConnection}`, request.ok ? request.docName : '', socket, limits, logger, now());
    const buffered: Pending[] = [];
    /** Frames waiting behind a heavy frame of this connection (its order is kept); the first is being handled. */
    const paced: Pending[] = [];
    const assembler = chunkAssembler(conn, limits);
    let room: Room | null = null;
    connections.add(conn);
    metrics.connections.inc();

    socket.listen({
      error(error) {
        // the transport closes the socket itself (1009 for oversized frames, 1002/1007 for broken framing); record why
        const tooBig = error.kind === 'too-big';
        metrics.rejected.inc({ reason: tooBig ? 'too-big' : 'malformed' });
        conn.logger.warn({ err: error.message, wsCode: error.code, member: conn.memberId }, 'socket error');
        conn.close(tooBig ? CloseCode.messageTooBig : null);
      },
      close: () => conn.close(null),
      pong: () => conn.pong(now()),
      message(bytes, isBinary) {
        // last line of defence: nothing a client sends may throw out of the socket's event handler
        try {
          onFrame(bytes, isBinary);
        } catch (error) {
          conn.logger.error({ err: error, member: conn.memberId }, 'frame handling threw');
          refuse(conn, CloseCode.malformedMessage, 'malformed', 'handler threw');
        }
      },
    });
    let seat: MemberSeat | null = null;
    conn.onClose(() => {
      connections.delete(conn);
      metrics.connections.dec();
      seat?.leave(now());
      rights.forget(conn);
      buffered.length = 0;
      paced.length = 0;
      if (room !== null) registry.release(room, conn);
    });

    function onFrame(bytes: Uint8Array, isBinary: boolean): void {
      if (conn.isClosed) return;
      metrics.framesIn.inc();
      const wasResting = conn.isResting;
      if (!conn.admit(bytes.length, now())) return refuse(conn, CloseCode.rateLimited, 'rate-limited');
      if (!wasResting && conn.isResting) metrics.paused.inc();
      if (!isBinary) return refuse(conn, CloseCode.malformedMessage, 'text-frame');
      let decoded = decodeClientMessage(bytes);
      if (!decoded.ok) return refuse(conn, CloseCode.malformedMessage, 'malformed', decoded.reason);
      if (decoded.message.type === 'chunk') {
        // a piece of a larger frame (our extension): once all are in, that frame goes on as if it had come whole
        const whole = assembleChunk(conn, assembler, decoded.message, (code, reason, detail) => refuse(conn, code, reason, detail), metrics);
        if (whole === null) return;
        bytes = whole;
        decoded = decodeClientMessage(bytes);
        if (!decoded.ok || decoded.message.type === 'chunk')
          return refuse(conn, CloseCode.malformedMessage, 'malformed', `chunked frame: ${decoded.ok ? 'a chunk' : decoded.reason}`);
      }
      if (!conn.canQueue(bytes.length)) return refuse(conn, CloseCode.rateLimited, 'rate-limited', 'queue full');
      if (room === null) {
        // the stored state is not loaded yet: hold the client's messages until it is
        conn.queuedBytes += bytes.length;
        buffered.push({ message: decoded.message, byteLength: bytes.length });
        return;
      }
      route(room, { message: decoded.message, byteLength: bytes.length, frame: bytes });
    }

    /** Handles a frame now, or in its turn when it is heavy or waits behind one of this connection. */
    function route(target: Room, pending: Pending): void {
      if (paced.length === 0 && pending.byteLength < limits.pacedFrameBytes) return dispatch(target, pending.message, pending.byteLength, pending.frame);
      conn.queuedBytes += pending.byteLength;
      paced.push(pending);
      if (paced.length === 1) void drainPaced(target);
    }

    async function drainPaced(target: Room): Promise<void> {
      while (paced.length > 0 && !conn.isClosed) {
        const next = paced[0] as Pending;
        const handle = (): void => {
          conn.queuedBytes -= next.byteLength;
          if (!conn.isClosed) dispatch(target, next.message, next.byteLength, next.frame);
        };
        if (next.byteLength >= limits.pacedFrameBytes) await heavyFrames.run(async () => handle());
        else handle();
        paced.shift();
      }
    }

    function dispatch(target: Room, message: ClientMessage, byteLength: number, frame?: Uint8Array): void {
      if (!target.receive(conn, message, byteLength, frame)) refuse(conn, CloseCode.malformedMessage, 'malformed', `invalid yjs in ${message.type}`);
    }

    if (!request.ok) return refuse(conn, CloseCode.invalidDocumentName, 'invalid-document-name', request.reason);
    // `req` goes in as a bound argument: were a closure to use it, every closure of this call (onFrame too) would keep
    // the upgrade request and its headers alive for the whole connection. Admission waits its turn (admission.ts);
    // frames arriving meanwhile are held in `buffered`.
    admission.run(open.bind(null, request.docName, request.token, req)).catch((error: unknown) => {
      conn.logger.error({ err: error, member: conn.memberId }, 'admission failed');
      refuse(conn, CloseCode.serverError, 'server-error', 'admission failed');
    });

    async function open(docName: string, token: string | null, upgrade: IncomingMessage): Promise<void> {
      // a socket that went away while waiting for its turn costs nothing more
      if (conn.isClosed) return;
      const timer = setTimeout(() => refuse(conn, CloseCode.authTimeout, 'auth-timeout'), limits.authTimeoutMs);
      try {
        const principal = await config.authenticate(token, upgrade);
        if (conn.isClosed) return;
        if (isAuthFailure(principal)) return refuse(conn, CloseCode.unauthenticated, 'unauthenticated', principal.failure);
        seat = ledger.join(memberKey(principal), now());
        if (seat === null) return refuse(conn, CloseCode.rateLimited, 'quota', `more than ${limits.maxConnectionsPerMember} connections`);
        conn.member = seat;
        const granted = await rights.admit(conn, principal, docName);
        if (conn.isClosed) return;
        conn.authenticated(principal, granted);
        if (!granted.read) return refuse(conn, CloseCode.forbidden, 'forbidden');
      } catch (error) {
        conn.logger.error({ err: error }, 'authentication failed with an error');
        return refuse(conn, CloseCode.serverError, 'server-error', 'auth error');
      } finally {
        clearTimeout(timer);
      }
      conn.state = 'loading';
      try {
        room = await registry.acquire(docName, conn);
      } catch (error) {
        conn.logger.error({ err: error, member: conn.memberId }, 'document failed to load');
        return refuse(conn, CloseCode.serverError, 'storage', 'load failed');
      }
      if (room === null || conn.isClosed) return;
      if (logger.isLevelEnabled('debug')) conn.logger.debug({ write: conn.rights.write }, 'joined');
      for (const pending of buffered.splice(0)) {
        conn.queuedBytes -= pending.byteLength;
        if (conn.isClosed) break;
        route(room, { message: pending.message, byteLength: pending.byteLength });
      }
    }
  }

  function keepAlive(): void {
    const at = now();
    // a tick that comes late means this server was busy: unanswered pings may be answers it has not read yet
    const late = lastKeepAlive !== null && at - lastKeepAlive > limits.keepAliveIntervalMs * 1.5;
    lastKeepAlive = at;
    metrics.keepAliveRounds.inc();
    if (late) metrics.keepAliveLate.inc();
    ledger.prune(at);
    for (const conn of connections) {
      const silentSincePing = conn.pingSentAt !== null && conn.lastHeardAt < conn.pingSentAt;
      if (!late && !conn.isResting && silentSincePing && at - (conn.pingSentAt ?? at) >= 2 * limits.keepAliveIntervalMs) {
        conn.logger.info({ member: conn.memberId }, 'no pong: dropping dead socket');
        metrics.deadSockets.inc();
        conn.terminate();
        continue;
      }
      conn.ping(at);
      // the stock client reconnects after 30 s without a message; pings do not count in browsers
      if (at - conn.lastSentAt >= limits.keepAliveIntervalMs / 2) conn.send(KEEP_ALIVE_MESSAGE, at, CloseCode.backpressure);
    }
    for (const room of registry.rooms()) room.pruneAwarenessMeta(Date.now());
  }

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          http.off('error', reject);
          keepAliveTimer = setInterval(keepAlive, limits.keepAliveIntervalMs);
          keepAliveTimer.unref();
          stopLoopMonitor ??= monitorEventLoop(metrics);
          resolve({ port: (http.address() as AddressInfo).port });
        });
      });
    },

    async close() {
      closing = true;
      if (keepAliveTimer !== null) clearInterval(keepAliveTimer);
      stopLoopMonitor?.();
      stopLoopMonitor = null;
      for (const conn of [...connections]) conn.close(CloseCode.goingAway, 'server shutting down');
      await registry.closeAll();
      await transport.close();
      await new Promise<void>((resolve) => {
        if (!http.listening) return resolve();
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },

    accept(socket, request) {
      if (closing) return socket.terminate();
      handleConnection(socket, request);
    },

    closeConnections(predicate, code = CloseCode.revoked, reason = 'rights withdrawn') {
      let closed = 0;
      for (const conn of [...connections]) {
        const info: ConnectionInfo = { connectionId: conn.id, docName: conn.docName, principal: conn.principal, rights: conn.rights, openedAt: conn.openedAt };
        if (!predicate(info)) continue;
        metrics.rejected.inc({ reason: 'revoked' });
        conn.logger.info({ code, member: conn.memberId }, `connection closed: ${reason}`);
        conn.close(code, reason);
        closed++;
      }
      return closed;
    },

    async getDocument(name) {
      const held = await registry.hold(name);
      // never hand out a document while a refused change is being taken out of it
      await held.room.ready();
      return {
        name,
        get doc() {
          return held.room.doc;
        },
        write: (change, author, fence) => held.room.write(change, author, fence),
        release: held.release,
      };
    },

    stats() {
      return {
        connections: connections.size,
        documentsLoaded: registry.loadedCount,
        rooms: registry.rooms().map((room) => ({ name: room.name, connections: room.connections.size })),
      };
    },
  };
}
