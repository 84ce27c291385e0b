import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a frame or a connection was refused; the label values of `rejected`. */
export type RejectReason =
  | 'malformed'
  | 'text-frame'
  | 'too-big'
  | 'rate-limited'
  | 'read-only-write'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid-document-name'
  | 'auth-timeout'
  | 'revoked'
  | 'missing-dependencies'
  | 'storage'
  | 'server-error'
  | 'too-large'
  | 'write-rule'
  /** new items under a Yjs client id bound to another member (a forged or resent edit; issue #13) */
  | 'client-id-foreign'
  | 'quota'
  | 'presence-rate'
  | 'presence-too-big'
  /** a presence (awareness) client id bound to another member: not shown (issue #13) */
  | 'presence-client-id-foreign'
  /** more new Yjs client ids in one update than any browser makes (issue #13) */
  | 'client-ids-too-many'
  /** a member introducing new Yjs client ids faster than their budget allows (issue #13) */
  | 'client-id-rate';

export type StorageOperation = 'load' | 'append' | 'compact';

/** The sync server's metrics, in a registry of their own so two servers in one process (tests) do not collide. */
export interface SyncMetrics {
  registry: Registry;
  connections: Gauge;
  documentsLoaded: Gauge;
  /** Binary and text frames received on open connections (before any check). */
  framesIn: Counter;
  /** Client updates that changed a document (stored and broadcast). */
  updatesIn: Counter;
  /** Update messages sent to clients (one per recipient). */
  updatesOut: Counter;
  rejected: Counter<'reason'>;
  /** Times a socket's reading was paused because its member sent more bytes per second than their budget. */
  paused: Counter;
  /** Keep-alive rounds, those that ran late (this server was busy), and sockets dropped for not answering pings. */
  keepAliveRounds: Counter;
  keepAliveLate: Counter;
  deadSockets: Counter;
  storageSeconds: Histogram<'operation' | 'outcome'>;
  /**
   * Event-loop delay (perf_hooks.monitorEventLoopDelay, see sync/event-loop-monitor.ts): the highest since the server
   * started listening, and the highest of each 1-second window. A stall here is this server being busy; a slow
   * /health with a quiet loop is the machine (other processes) instead.
   */
  eventLoopDelayMax: Gauge;
  eventLoopDelay: Histogram;
  /**
   * Plain HTTP requests (REST, /health, /metrics): from the connection's accept (or the previous response on it) to
   * the response's end — this server's part of their latency; what a client waits beyond it is the network or the
   * kernel's queues.
   */
  httpSeconds: Histogram;
}

export function createMetrics(prefix = 'guatu_sync_'): SyncMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: `${prefix}connections`, help: 'Open WebSocket connections', registers }),
    documentsLoaded: new Gauge({ name: `${prefix}documents_loaded`, help: 'Documents held in memory', registers }),
    framesIn: new Counter({ name: `${prefix}frames_in_total`, help: 'Frames received on open connections', registers }),
    updatesIn: new Counter({ name: `${prefix}updates_in_total`, help: 'Accepted client updates that changed a document', registers }),
    updatesOut: new Counter({ name: `${prefix}updates_out_total`, help: 'Update messages sent to clients', registers }),
    rejected: new Counter({
      name: `${prefix}rejected_total`,
      help: 'Refused frames and connections by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    paused: new Counter({ name: `${prefix}paused_total`, help: 'Sockets paused for sending faster than their byte budget', registers }),
    keepAliveRounds: new Counter({ name: `${prefix}keepalive_rounds_total`, help: 'Keep-alive rounds run', registers }),
    keepAliveLate: new Counter({ name: `${prefix}keepalive_late_total`, help: 'Keep-alive rounds that ran late because the server was busy', registers }),
    deadSockets: new Counter({ name: `${prefix}dead_sockets_total`, help: 'Sockets dropped for not answering pings', registers }),
    storageSeconds: new Histogram({
      name: `${prefix}storage_seconds`,
      help: 'Latency of document store calls',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    eventLoopDelayMax: new Gauge({
      name: `${prefix}event_loop_delay_max_seconds`,
      help: 'Highest event-loop delay since the server started listening',
      registers,
    }),
    httpSeconds: new Histogram({
      name: `${prefix}http_seconds`,
      help: 'Plain HTTP requests: from accepting the connection (or the previous response on it) to the end of the response',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    eventLoopDelay: new Histogram({
      name: `${prefix}event_loop_delay_seconds`,
      help: 'Highest event-loop delay of each 1-second window (how late a 100 ms tick fired)',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}

/** Times one store call into the histogram, success or failure. */
export async function timeStorage<T>(metrics: SyncMetrics, operation: StorageOperation, call: () => Promise<T>): Promise<T> {
  const stop = metrics.storageSeconds.startTimer({ operation });
  try {
    const result = await call();
    stop({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}
