import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/protocol/messages';
import { awarenessFrame } from './frames';
import { metricValue } from './harness';
import { memoryServer, type MemoryServer } from './memory-server';
import type { MemoryClient } from './memory-socket';

const DOC = 'ws1/project/p1';
/** A clock that never moves: rate limits are then exact counts. */
const frozenNow = () => Date.UTC(2026, 2, 1, 1, 30);

/** Who a client sees looking at the document, from the awareness frames it has received. */
function presenceSeenBy(socket: MemoryClient): Set<number> {
  const seen = new awarenessProtocol.Awareness(new Y.Doc());
  seen.setLocalState(null);
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.awareness) continue;
    awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server');
  }
  const clients = new Set(seen.getStates().keys());
  seen.destroy();
  return clients;
}

describe('presence in a room (memory sockets)', () => {
  let running: MemoryServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('a connection introduces at most 8 presence clients; the rest are not passed on', async () => {
    running = memoryServer({ now: frozenNow });
    const tabs = running.connect(DOC, 'wang:member');
    const listener = running.connect(DOC, 'li:member');
    await running.settle();
    tabs.send(awarenessFrame(Array.from({ length: 12 }, (_, i): [number, number, string] => [100 + i, 1, '{"tab":1}'])));
    running.flush();
    const seen = presenceSeenBy(listener);
    expect(seen.size).toBe(8);
    // shown under aliases, never under the client ids they came with (issue #13)
    for (let id = 100; id < 112; id++) expect(seen.has(id)).toBe(false);
  });

  it('the presence clients of a connection leave with it', async () => {
    running = memoryServer({ now: frozenNow });
    const leaving = running.connect(DOC, 'wang:member');
    const listener = running.connect(DOC, 'li:member');
    await running.settle();
    leaving.send(awarenessFrame([[7, 1, '{"user":"王"}']]));
    running.flush();
    expect(presenceSeenBy(listener).size).toBe(1);
    leaving.close();
    await running.settle();
    expect(presenceSeenBy(listener)).toEqual(new Set());
  });

  it('presence messages beyond the burst are dropped and counted, to the message', async () => {
    running = memoryServer({ now: frozenNow, limits: { presenceMessagesPerSecond: 10 } });
    const busy = running.connect(DOC, 'wang:member');
    await running.settle();
    // the burst is twice the rate per second; with the clock standing still nothing refills
    for (let clock = 1; clock <= 25; clock++) busy.send(awarenessFrame([[7, clock, `{"n":${clock}}`]]));
    running.flush();
    expect(await metricValue(running.metrics, 'guatu_sync_rejected_total', { reason: 'presence-rate' })).toBe(5);
  });
});
