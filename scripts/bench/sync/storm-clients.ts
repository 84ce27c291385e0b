/**
 * The storm's clients, in a process of their own: one raw `ws` socket per (member, document), speaking just enough
 * y-websocket to sync as an empty replica (send step 1 with an empty state vector, answer the server's step 1 with an
 * empty step 2, count the server's step 2 as "synced"). Frames are read only as far as their two leading varuints, so
 * one core drives thousands of sockets. A socket the server closes reconnects like the stock client (backoff
 * 100 ms·2^n up to 2.5 s; 4400–4499 stop, 4429 pauses), so "all synced" is what users would eventually see.
 *
 * RPC: storm {base, paths, timeoutMs} → opens every socket at once and waits until all synced (or the timeout);
 *      stats → drops and refusals since the storm began; freeze → stop reconnecting (before a crash); close-all.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { z } from 'zod';
import { reconnectPolicy } from '../../../shared/protocol/close-codes';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages';
import { serveRpc } from './child-rpc';
import { quantileSorted } from './stats';

/** [sync, step1, state vector of an empty doc] and [sync, step2, empty update]. */
const STEP1_EMPTY = Uint8Array.of(MessageType.sync, SyncMessageType.step1, 1, 0);
const STEP2_EMPTY = Uint8Array.of(MessageType.sync, SyncMessageType.step2, 2, 0, 0);
const MAX_BACKOFF_MS = 2500;
const RATE_LIMIT_PAUSE_MS = 10_000;

const StormArgsSchema = z.object({ base: z.string(), paths: z.array(z.string()), timeoutMs: z.number().positive() });

interface Counters {
  /** Closes of a synced socket that this side did not ask for, by close code. */
  dropsAfterSync: Record<string, number>;
  /** Closes before a socket had synced (connection refused, reset, auth refused…), by close code. */
  failuresBeforeSync: Record<string, number>;
  attempts: number;
  bytes: number;
}

let counters: Counters = { dropsAfterSync: {}, failuresBeforeSync: {}, attempts: 0, bytes: 0 };
let reconnecting = true;
let sockets: StormSocket[] = [];

const bump = (table: Record<string, number>, key: number | string) => {
  table[String(key)] = (table[String(key)] ?? 0) + 1;
};

class StormSocket {
  ws: WebSocket | null = null;
  /** performance.now() of the first sync of this storm, or null. */
  syncedAt: number | null = null;
  gaveUp = false;
  private failedAttempts = 0;
  private closedByUs = false;

  constructor(
    private readonly url: string,
    private readonly onSynced: () => void,
  ) {}

  open(): void {
    if (this.closedByUs) return;
    counters.attempts++;
    let synced = false;
    const ws = new WebSocket(this.url, { perMessageDeflate: false, handshakeTimeout: 120_000 });
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => ws.send(STEP1_EMPTY));
    ws.on('error', () => undefined); // 'close' follows and says what happened
    ws.on('message', (data: Buffer) => {
      counters.bytes += data.byteLength;
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      const step = decoding.readVarUint(decoder);
      if (step === SyncMessageType.step1) ws.send(STEP2_EMPTY);
      else if (step === SyncMessageType.step2 && !synced) {
        synced = true;
        this.failedAttempts = 0;
        if (this.syncedAt === null) {
          this.syncedAt = performance.now();
          this.onSynced();
        }
      }
    });
    ws.on('close', (code) => {
      if (this.ws === ws) this.ws = null;
      if (this.closedByUs) return;
      bump(synced ? counters.dropsAfterSync : counters.failuresBeforeSync, code);
      if (!reconnecting) return;
      const policy = reconnectPolicy(code);
      if (policy === 'stop') {
        this.gaveUp = true;
        return;
      }
      const delay = policy === 'reconnect-after-pause' ? RATE_LIMIT_PAUSE_MS : Math.min(2 ** this.failedAttempts * 100, MAX_BACKOFF_MS);
      this.failedAttempts++;
      setTimeout(() => this.open(), delay);
    });
  }

  close(): void {
    this.closedByUs = true;
    this.ws?.terminate();
    this.ws = null;
  }
}

async function storm(args: unknown) {
  const { base, paths, timeoutMs } = StormArgsSchema.parse(args);
  for (const socket of sockets) socket.close();
  counters = { dropsAfterSync: {}, failuresBeforeSync: {}, attempts: 0, bytes: 0 };
  reconnecting = true;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let syncedCount = 0;
  let allSynced: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSynced = resolve));
  sockets = paths.map(
    (path) =>
      new StormSocket(`${base}${path}`, () => {
        if (++syncedCount === paths.length) allSynced();
      }),
  );
  // all at once: every socket is created in this one tick
  for (const socket of sockets) socket.open();
  const timer = setTimeout(allSynced, timeoutMs);
  await done;
  clearTimeout(timer);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const times = sockets.flatMap((s) => (s.syncedAt === null ? [] : [s.syncedAt - start])).sort((a, b) => a - b);
  return {
    sockets: paths.length,
    synced: times.length,
    allSynced: times.length === paths.length,
    /** Time until the last socket synced (or the timeout). */
    ms: times.length === paths.length ? (times.at(-1) ?? 0) : wallMs,
    p50Ms: quantileSorted(times, 0.5),
    p95Ms: quantileSorted(times, 0.95),
    gaveUp: sockets.filter((s) => s.gaveUp).length,
    attempts: counters.attempts,
    failuresBeforeSync: { ...counters.failuresBeforeSync },
    bytesReceived: counters.bytes,
    /** Share of one core this process used during the storm: near 1 would mean the clients were the bottleneck. */
    clientCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

async function stats() {
  return {
    open: sockets.filter((s) => s.ws?.readyState === WebSocket.OPEN).length,
    dropsAfterSync: { ...counters.dropsAfterSync },
    failuresBeforeSync: { ...counters.failuresBeforeSync },
    attempts: counters.attempts,
  };
}

async function freeze() {
  reconnecting = false;
  return stats();
}

async function closeAll() {
  for (const socket of sockets) socket.close();
  const closed = sockets.length;
  sockets = [];
  return { closed };
}

serveRpc({ storm, stats, freeze, 'close-all': closeAll });
