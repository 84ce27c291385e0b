import * as prng from 'lib0/prng';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { badFrame, isFatal, validCorpus, type FrameKind, type FuzzFrame } from './fuzz-frames';
import { connectClient, metricValue, rawSocket, startServer, synced, waitFor, within, type TestServer } from './harness';

/** Re-run a failure with FUZZ_SEED=<printed seed>. */
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const BAD_FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const WORKERS = 24;
const ROOMS = ['fuzz/0', 'fuzz/1', 'fuzz/2'];
const MAX_PAYLOAD = 32 * 1024;

let server: TestServer | null = null;
afterAll(async () => {
  await server?.stop();
});

describe(`fuzz: ${BAD_FRAMES} malformed and mutated frames against a live server (seed ${SEED})`, () => {
  it('never exits, stays bounded, closes each bad connection with its code, and a good client keeps syncing', async () => {
    console.log(`sync fuzz seed: ${SEED} (FUZZ_SEED=${SEED} to replay)`);
    const rng = prng.create(SEED);
    server = await startServer({ limits: { maxPayloadBytes: MAX_PAYLOAD, idleUnloadMs: 50, messageBurst: 1000, messagesPerSecond: 5000 } });
    const { url, server: sync } = server;
    const corpus = validCorpus(rng, 300);

    const writer = connectClient(url, ROOMS[0] ?? 'fuzz/0', 'good:member');
    const reader = connectClient(url, ROOMS[0] ?? 'fuzz/0', 'good2:member');
    await Promise.all([synced(writer), synced(reader)]);

    const sentByKind = new Map<FrameKind, number>();
    const unexpected: string[] = [];
    let sent = 0;
    let connections = 0;
    let goodEdits = 0;
    let maxHeap = 0;
    const heapAtStart = process.memoryUsage().heapUsed;

    // each bad connection carries 0–30 frames the server must survive (mutated yet decodable) and ends with one it
    // must refuse; the close code is then known in advance: 1009 for an oversized frame, 4400 for everything else
    async function worker(id: number): Promise<void> {
      const local = prng.create(SEED + id * 7919);
      while (sent < BAD_FRAMES) {
        const survivable: FuzzFrame[] = [];
        const wanted = prng.int31(local, 0, 30);
        let fatal: FuzzFrame | null = null;
        while (fatal === null) {
          const frame = badFrame(local, corpus, MAX_PAYLOAD + 1);
          if (isFatal(frame, MAX_PAYLOAD)) {
            if (survivable.length >= wanted) fatal = frame;
          } else if (survivable.length < wanted) survivable.push(frame);
        }
        const room = prng.oneOf(local, ROOMS);
        // the corpus is one client's edits: every writing fuzz connection speaks as the one member that client id is
        // bound to (another member adding items under it is refused with 4422, client-bindings.integration.test.ts)
        const token = prng.int31(local, 0, 3) === 0 ? `fuzz${id}:observer` : 'fuzz:member';
        const socket = await rawSocket(url, room, token);
        connections++;
        // an oversized frame goes alone: an earlier frame that fails inside Yjs would close with 4400 first
        const oversized = typeof fatal.data !== 'string' && fatal.data.length > MAX_PAYLOAD;
        for (const frame of oversized ? [fatal] : [...survivable, fatal]) {
          socket.ws.send(frame.data);
          sent++;
          sentByKind.set(frame.kind, (sentByKind.get(frame.kind) ?? 0) + 1);
        }
        const closed = await within(socket.whenClosed, `fuzz connection ${connections} closed`, 10_000);
        const expected = oversized ? CloseCode.messageTooBig : CloseCode.malformedMessage;
        if (closed.code !== expected) unexpected.push(`${room} ${token}: expected ${expected}, got ${closed.code} ${closed.reason}`);
      }
    }

    // meanwhile the well-behaved member keeps editing, and the other sees every edit
    let fuzzing = true;
    const goodTraffic = (async () => {
      while (fuzzing) {
        writer.doc.getMap('good').set(`k${goodEdits}`, goodEdits);
        goodEdits++;
        const expected = goodEdits;
        const good = reader.doc.getMap('good');
        const arrived = new Promise<void>((resolve) => {
          const check = (): void => {
            if (good.size !== expected) return;
            good.unobserve(check);
            resolve();
          };
          good.observe(check);
          check();
        });
        await within(arrived, `good edit ${expected} arrives`, 10_000);
        maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
      }
    })();

    const started = Date.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));
    fuzzing = false;
    await goodTraffic;
    const seconds = (Date.now() - started) / 1000;
    const handled = await metricValue(server.metrics, 'guatu_sync_frames_in_total');
    console.log(
      `sync fuzz: ${sent} bad frames (server handled ${handled} frames in all) over ${connections} connections in ${seconds.toFixed(1)} s; ${goodEdits} good edits; ` +
        `by kind ${JSON.stringify(Object.fromEntries(sentByKind))}; heap max +${((maxHeap - heapAtStart) / 2 ** 20).toFixed(0)} MiB`,
    );

    expect(unexpected, `seed ${SEED}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(BAD_FRAMES);
    // the good clients were never disconnected and agree with what a fresh client loads from the server
    expect([...writer.closes, ...reader.closes], `seed ${SEED}`).toEqual([]);
    expect(reader.doc.getMap('good').size).toBe(goodEdits);
    const fresh = connectClient(url, ROOMS[0] ?? 'fuzz/0', 'fresh:leader');
    await synced(fresh);
    await waitFor(() => fresh.doc.getMap('good').size === goodEdits, 'fresh client has every good edit');
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(reader.doc));
    // bounded: only the three good connections remain, idle fuzz rooms unload
    await waitFor(() => sync.stats().connections === 3, 'fuzz connections gone');
    await waitFor(() => sync.stats().documentsLoaded === 1, 'idle fuzz rooms unloaded');
    expect(maxHeap - heapAtStart, `seed ${SEED}: heap growth`).toBeLessThan(256 * 2 ** 20);
    writer.destroy();
    reader.destroy();
    fresh.destroy();
  }, 240_000); // ~50 s alone on 2 cores; twice that beside the rest of the suite
});
