import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode, CloseReason } from '../../shared/protocol/close-codes';
import { decodeClientMessage, type ChunkMessage, type ClientMessage } from '../../shared/protocol/decode-message';
import { KEEP_ALIVE_MESSAGE } from '../../shared/protocol/messages';
import type { RejectReason } from '../metrics';
import { defaultLimits, isAuthFailure, type Principal, type Rights, type SyncServerConfig } from './config';
import { AdmissionQueue } from './admission';
import { ChunkAssembler } from './chunk-assembler';
import { Connection } from './connection';
import { parseRoomRequest } from './document-name';
import type { AppliedChange } from './applied-change';
import { MemberLedger, utcDay, type MemberSeat } from './member-ledger';
import type { Refusal, Room } from './room';
import { RoomRegistry } from './room-registry';
import { monitorEventLoop } from './event-loop-monitor';

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
  write(change: (doc: Y.Doc) => void, author?: string): Promise<void>;
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
  const policy = config.rights ?? null;
  const ledger = new MemberLedger(limits, config.dayOf ?? utcDay);
  /** Open connections by the document that decides their rights (live rights). */
  const governed = new Map<string, Set<Connection>>();
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
    onChanged: reevaluateGoverned,
  });
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
    if (policy?.vet) {
      const governing = conn.governing === null ? null : (registry.loaded(conn.governing.name)?.doc ?? null);
      const why = policy.vet(principal, room.name, change, governing);
      if (why !== null) return { code: CloseCode.changeRefused, reason: 'write-rule', detail: why };
    }
    if (created && !ledger.create(memberKey(principal), now())) {
      return { code: CloseCode.rateLimited, reason: 'quota', detail: `more than ${limits.maxCreatedDocumentsPerDay} new documents today` };
    }
    return null;
  }

  /** The governing document changed: every connection it governs gets its rights again, at once. */
  function reevaluateGoverned(room: Room, roots: ReadonlySet<string>): void {
    // asked even when nobody is governed by it: the policy drops what it cached about the document
    if (!policy || !policy.rightsMayChange(room.name, room.doc, roots)) return;
    const affected = governed.get(room.name);
    if (!affected || affected.size === 0) return;
    for (const conn of [...affected]) {
      if (conn.isClosed || conn.principal === null) continue;
      const rights = policy.evaluate(conn.principal, conn.docName, room.doc);
      if (!rights.read) {
        refuse(conn, CloseCode.revoked, 'revoked', 'read withdrawn');
        continue;
      }
      if (conn.rights.write && !rights.write) conn.logger.info({ member: conn.memberId }, 'write withdrawn: connection is read-only now');
      conn.rights = { read: rights.read, write: rights.write };
    }
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
  http.on('connection', (socket) => httpSince.set(socket, performance.now()));
  // maxPayload makes ws itself close an oversized frame's connection with 1009 before buffering it
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false });

  http.on('clientError', (_error, socket) => socket.destroy());
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => logger.debug({ err: error.message }, 'upgrade socket error'));
    if (closing) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => handleConnection(ws, req));
  });

  function refuse(conn: Connection, code: number, reason: RejectReason, detail?: string): void {
    if (conn.isClosed) return;
    metrics.rejected.inc({ reason });
    conn.logger.warn({ code, reason, detail, member: conn.memberId }, 'connection closed by server');
    conn.close(code, reason);
  }

  function handleConnection(ws: WebSocket, req: IncomingMessage): void {
    ws.binaryType = 'nodebuffer';
    const request = parseRoomRequest(req.url);
    const conn = new Connection(`c${++nextConnection}`, request.ok ? request.docName : '', ws, limits, logger, now());
    const buffered: Pending[] = [];
    /** Frames waiting behind a heavy frame of this connection (its order is kept); the first is being handled. */
    const paced: Pending[] = [];
    const assembler = chunkAssembler(conn, limits);
    let room: Room | null = null;
    connections.add(conn);
    metrics.connections.inc();

    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for oversized frames, 1002/1007 for broken framing); record why
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      metrics.rejected.inc({ reason: tooBig ? 'too-big' : 'malformed' });
      conn.logger.warn({ err: error.message, wsCode: error.code, member: conn.memberId }, 'socket error');
      conn.close(tooBig ? CloseCode.messageTooBig : null);
    });
    ws.on('close', () => conn.close(null));
    ws.on('pong', () => conn.pong(now()));
    ws.on('message', (data, isBinary) => {
      // last line of defence: nothing a client sends may throw out of the socket's event handler
      try {
        onFrame(toBytes(data), isBinary);
      } catch (error) {
        conn.logger.error({ err: error, member: conn.memberId }, 'frame handling threw');
        refuse(conn, CloseCode.malformedMessage, 'malformed', 'handler threw');
      }
    });
    let seat: MemberSeat | null = null;
    conn.onClose(() => {
      connections.delete(conn);
      metrics.connections.dec();
      seat?.leave(now());
      if (conn.governing !== null) governed.get(conn.governing.name)?.delete(conn);
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
        if (!decoded.ok || decoded.message.type === 'chunk') return refuse(conn, CloseCode.malformedMessage, 'malformed', `chunked frame: ${decoded.ok ? 'a chunk' : decoded.reason}`);
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

    /** Holds the governing document loaded for as long as the connection lives, and evaluates against it. */
    async function liveRights(principal: Principal, docName: string): Promise<Rights> {
      if (policy === null) throw new Error('no rights policy');
      const governingName = policy.governingDocument(principal);
      if (governingName === null) return policy.evaluate(principal, docName, null);
      const held = await registry.hold(governingName);
      if (conn.isClosed) {
        held.release();
        return { read: false, write: false };
      }
      conn.governing = { name: governingName, release: held.release };
      let set = governed.get(governingName);
      if (!set) governed.set(governingName, (set = new Set()));
      set.add(conn);
      // a change being taken out of it (a refused write) must not be what rights are read from
      await held.room.ready();
      const current = registry.loaded(governingName) ?? held.room;
      return policy.evaluate(principal, docName, current.doc);
    }

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
        const rights = config.rights === undefined ? await config.authorize(principal, docName) : await liveRights(principal, docName);
        if (conn.isClosed) return;
        conn.authenticated(principal, rights);
        if (!rights.read) return refuse(conn, CloseCode.forbidden, 'forbidden');
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
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        if (!http.listening) return resolve();
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },

    closeConnections(predicate, code = CloseCode.revoked, reason = 'rights withdrawn') {
      let closed = 0;
      for (const conn of [...connections]) {
        const info: ConnectionInfo = { connectionId: conn.id, docName: conn.docName, principal: conn.principal, rights: conn.rights, openedAt: conn.openedAt };
        if (!predicate(info)) continue;
        metrics.rejected.inc({ reason: 'revoked' });
        conn.logger.info({ code, member: conn.memberId }, 'connection closed: ' + reason);
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
        write: (change, author) => held.room.write(change, author),
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

/** ws hands over a Buffer, an ArrayBuffer or fragments depending on binaryType; all become one Uint8Array. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The assembler for one connection's chunked frames; a transfer cut short by the close gives its bytes back. It may
 * reassemble no more than the connection may queue: a bigger frame could never be handled, so it is refused (1009)
 * before its pieces are taken in.
 */
function chunkAssembler(conn: Connection, limits: typeof defaultLimits): ChunkAssembler {
  // the member's budget, shared by all their connections. Before the token is checked there is no member and no
  // reassembly: a transfer's buffer is allocated at its declared size, so a stranger's one small frame must not get
  // one. Our client sends its big sync step 2 only in answer to the server's step 1, which comes after admission.
  const budget = {
    reserve: (bytes: number) => conn.member?.reserveAssembly(bytes) ?? false,
    release: (bytes: number) => conn.member?.releaseAssembly(bytes),
  };
  const assembler = new ChunkAssembler(Math.min(limits.maxAssembledBytes, limits.maxQueuedBytes), budget);
  conn.onClose(() => assembler.abort());
  return assembler;
}

/**
 * Feeds one piece to the assembler. Returns the completed frame, to be handled in place of the piece; null while
 * pieces are missing, or after the connection was refused (broken order 4400, too big 1009, over budget 4429).
 */
function assembleChunk(
  conn: Connection,
  assembler: ChunkAssembler,
  chunk: ChunkMessage,
  refuse: (code: number, reason: RejectReason, detail?: string) => void,
  metrics: SyncServerConfig['metrics'],
): Uint8Array | null {
  const outcome = assembler.accept(chunk);
  switch (outcome.kind) {
    case 'partial':
      return null;
    case 'invalid':
      refuse(CloseCode.malformedMessage, 'malformed', `chunk: ${outcome.reason}`);
      return null;
    case 'too-large':
      refuse(CloseCode.messageTooBig, 'too-big', `chunked frame of ${outcome.totalBytes} bytes`);
      return null;
    case 'over-budget':
      // not refuse(): the close reason must say "over budget" so the extension can tell it from a plain rate limit
      if (conn.isClosed) return null;
      metrics.rejected.inc({ reason: 'rate-limited' });
      conn.logger.warn({ code: CloseCode.rateLimited, reason: CloseReason.overBudget, bytes: outcome.totalBytes, member: conn.memberId }, 'connection closed by server');
      conn.close(CloseCode.rateLimited, CloseReason.overBudget);
      return null;
    case 'complete':
      return outcome.frame;
  }
}
