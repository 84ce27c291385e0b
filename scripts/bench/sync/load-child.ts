/**
 * The load generator, in a process of its own (the server under test gets the other core). It holds the bench
 * clients of one scenario and answers: connect, run (steady edits, latency and delivery), push-documents, cold-open,
 * close.
 */
import { z } from 'zod';
import * as decoding from 'lib0/decoding';
import { readFileSync } from 'node:fs';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { SyncMessageType } from '../../../shared/protocol/messages';
import { BenchClient } from './bench-client';
import { serveRpc } from './child-rpc';
import { EMPTY_STEP1_FRAME } from './edit-frames';
import type { RunResult } from './schemas';
import { Samples, quantileSorted } from './stats';

const ConnectArgsSchema = z.object({
  url: z.string(),
  roomPrefix: z.string(),
  rooms: z.number().int().positive(),
  clientsPerRoom: z.number().int().positive(),
  handshake: z.boolean(),
});
const RunArgsSchema = z.object({ editsPerSecond: z.number().positive(), warmupMs: z.number(), measureMs: z.number(), drainMs: z.number() });
const PushArgsSchema = z.object({ url: z.string(), roomPrefix: z.string(), statesPath: z.string() });
const ColdArgsSchema = z.object({ url: z.string(), docName: z.string() });

interface Room {
  clients: BenchClient[];
  next: number;
}

let rooms: Room[] = [];
let onEdit: (sentAt: number, receivedAt: number) => void = () => undefined;
let nextYjsClient = 1;
let nextMember = 0;

/** Each client is its own member (one cadre, one device), as in the field: per-member budgets apply as deployed. */
function roomUrl(url: string, name: string): string {
  return `${url}/${encodeURIComponent(name)}?token=bench-${process.pid}-${++nextMember}`;
}

/** Opens clients a batch at a time (a thousand at once overflow the listen backlog). */
async function connect(args: unknown): Promise<{ clients: number; ms: number }> {
  const { url, roomPrefix, rooms: roomCount, clientsPerRoom, handshake } = ConnectArgsSchema.parse(args);
  const start = performance.now();
  const opened: BenchClient[] = [];
  const created: Room[] = [];
  for (let r = 0; r < roomCount; r++) {
    const room: Room = { clients: [], next: 0 };
    for (let c = 0; c < clientsPerRoom; c++) {
      const client = new BenchClient({
        url: roomUrl(url, `${roomPrefix}${r}`),
        yjsClient: nextYjsClient++,
        handshake,
        onEdit: (sentAt, receivedAt) => onEdit(sentAt, receivedAt),
      });
      room.clients.push(client);
      opened.push(client);
      if (opened.length % 100 === 0) await Promise.all(opened.slice(-100).map((cl) => cl.whenSynced()));
    }
    created.push(room);
  }
  await Promise.all(opened.map((client) => client.whenSynced()));
  rooms.push(...created);
  return { clients: opened.length, ms: performance.now() - start };
}

/**
 * Sends `editsPerSecond` edits in all, spread evenly over the rooms (round-robin over each room's clients) for warmup +
 * measure, then waits up to `drainMs` for the window's edits to arrive. Latency counts edits sent in the window.
 */
async function run(args: unknown): Promise<RunResult> {
  const { editsPerSecond, warmupMs, measureMs, drainMs } = RunArgsSchema.parse(args);
  const latencies = new Samples();
  const start = performance.now();
  const windowStart = start + warmupMs;
  const windowEnd = windowStart + measureMs;
  let sent = 0;
  let sentInWindow = 0;
  let expected = 0;
  let receivedInWindow = 0;
  onEdit = (sentAt, receivedAt) => {
    if (receivedAt >= windowStart && receivedAt < windowEnd) receivedInWindow++;
    if (sentAt >= windowStart && sentAt < windowEnd) latencies.push(receivedAt - sentAt);
  };
  let nextRoom = 0;
  let owed = 0;
  let last = start;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now >= windowEnd) {
        clearInterval(tick);
        return resolve();
      }
      owed += ((now - last) / 1000) * editsPerSecond;
      last = now;
      const due = Math.floor(owed);
      owed -= due;
      for (let i = 0; i < due; i++) {
        // one room after another, so the rooms' edits interleave instead of leaving in bursts
        const room = rooms[nextRoom++ % rooms.length];
        if (!room) continue;
        {
          const client = room.clients[room.next++ % room.clients.length];
          if (!client?.isOpen) continue;
          const sendAt = performance.now();
          client.sendEdit();
          sent++;
          if (sendAt >= windowStart) {
            sentInWindow++;
            expected += room.clients.filter((peer) => peer !== client && peer.isOpen).length;
          }
        }
      }
    }, 2);
  });
  const drainUntil = performance.now() + drainMs;
  while (latencies.length < expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  onEdit = () => undefined;
  const sorted = latencies.sorted();
  return {
    sent,
    sentInWindow,
    expectedDeliveries: expected,
    deliveredOfWindow: latencies.length,
    deliveredPerSecond: receivedInWindow / (measureMs / 1000),
    sentPerSecond: sentInWindow / (measureMs / 1000),
    p50: quantileSorted(sorted, 0.5),
    p99: quantileSorted(sorted, 0.99),
    max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
    closedClients: rooms.reduce((n, room) => n + room.clients.filter((client) => !client.isOpen).length, 0),
  };
}

/** Waits until no edit has arrived for `quietMs` (the server has worked off its backlog), at most `maxMs`. */
async function drain(args: unknown): Promise<{ ms: number }> {
  const { quietMs, maxMs } = z.object({ quietMs: z.number(), maxMs: z.number() }).parse(args);
  const start = performance.now();
  let lastArrival = start;
  onEdit = () => {
    lastArrival = performance.now();
  };
  while (performance.now() - lastArrival < quietMs && performance.now() - start < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  onEdit = () => undefined;
  return { ms: performance.now() - start };
}

/** Reads the length-prefixed document states the orchestrator wrote. */
function readStates(path: string): Uint8Array[] {
  const decoder = decoding.createDecoder(new Uint8Array(readFileSync(path)));
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => decoding.readVarUint8Array(decoder));
}

/**
 * Loads one document per state into the server the way a first client would: connect, send the state as an update,
 * ask for the server's state and wait until it comes back whole, disconnect. Ten at a time.
 */
async function pushDocuments(args: unknown): Promise<{ documents: number; bytes: number; ms: number }> {
  const { url, roomPrefix, statesPath } = PushArgsSchema.parse(args);
  const states = readStates(statesPath);
  const start = performance.now();
  let bytes = 0;
  const pushOne = async (state: Uint8Array, index: number) => {
    let finished: () => void = () => undefined;
    const complete = new Promise<void>((resolve) => (finished = resolve));
    let step2Seen = 0;
    const client = new BenchClient({
      url: roomUrl(url, `${roomPrefix}${index}`),
      yjsClient: nextYjsClient++,
      handshake: true,
      onEdit: () => undefined,
      onStep2: () => {
        if (++step2Seen === 2) finished();
      },
    });
    await client.whenSynced();
    client.send(encodeSyncMessage(SyncMessageType.update, state));
    client.send(EMPTY_STEP1_FRAME);
    await complete;
    bytes += state.length;
    await client.close();
  };
  for (let i = 0; i < states.length; i += 10) {
    await Promise.all(states.slice(i, i + 10).map((state, k) => pushOne(state, i + k)));
  }
  return { documents: states.length, bytes, ms: performance.now() - start };
}

/** Time from opening a socket to holding the document's whole state (sync step 2 received). */
async function coldOpen(args: unknown): Promise<{ ms: number; bytes: number }> {
  const { url, docName } = ColdArgsSchema.parse(args);
  let bytes = 0;
  const start = performance.now();
  const client = new BenchClient({
    url: roomUrl(url, docName),
    yjsClient: nextYjsClient++,
    handshake: true,
    onEdit: () => undefined,
    onStep2: (size) => (bytes = size),
  });
  await client.whenSynced();
  const ms = performance.now() - start;
  await client.close();
  return { ms, bytes };
}

async function closeAll(): Promise<{ closed: number }> {
  const all = rooms.flatMap((room) => room.clients);
  rooms = [];
  await Promise.all(all.map((client) => client.close()));
  return { closed: all.length };
}

let cpuAtStart = process.cpuUsage();
/** CPU seconds this process used since the last call. */
async function cpu(): Promise<number> {
  const used = process.cpuUsage(cpuAtStart);
  cpuAtStart = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

serveRpc({ cpu, connect, run, drain, 'push-documents': pushDocuments, 'cold-open': coldOpen, 'close-all': closeAll });
