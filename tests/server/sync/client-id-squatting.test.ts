import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { encodeSyncMessage } from '../../../shared/protocol/encode-message';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages';
import { awarenessFrame } from './frames';
import { metricValue } from './harness';
import { memoryServer, type MemoryServer } from './memory-server';
import type { MemoryClient } from './memory-socket';

/** Re-run a failure with SQUAT_SEED=<printed seed>. */
const SEED = Number(process.env.SQUAT_SEED ?? 1313);
const rng = prng.create(SEED);
const DOC = 'ws1/project/p1';

/** A Yjs client id as a browser would pick it (random, 32 bits), from the seeded generator. */
const someClientId = (): number => prng.uint32(rng, 1, 0xffffffff);

/** An update setting project.`key` under client id `client` (what a browser with that client id sends). */
function editFrame(client: number, key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getMap('project').set(key, value);
  return encodeSyncMessage(SyncMessageType.update, Y.encodeStateAsUpdate(doc));
}

/** An update overwriting `editFrame(client, key, first)` under the same client id (its clock goes on from there). */
function nextEditFrame(client: number, key: string, first: unknown, next: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getMap('project').set(key, first);
  const before = Y.encodeStateVector(doc);
  doc.getMap('project').set(key, next);
  return encodeSyncMessage(SyncMessageType.update, Y.encodeStateAsUpdate(doc, before));
}

/** One update carrying an item under each of `clients`. */
function manyClientsFrame(clients: readonly number[]): Uint8Array {
  const updates = clients.map((client, i) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    doc.getMap('project').set(`k${i}`, i);
    return Y.encodeStateAsUpdate(doc);
  });
  return encodeSyncMessage(SyncMessageType.update, Y.mergeUpdates(updates));
}

/** Every awareness client id a socket was told about. */
function presenceIdsHeardBy(socket: MemoryClient): Set<number> {
  const ids = new Set<number>();
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.awareness) continue;
    const body = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(body);
    for (let i = 0; i < count; i++) {
      ids.add(decoding.readVarUint(body));
      decoding.readVarUint(body);
      decoding.readVarString(body);
    }
  }
  return ids;
}

/** The authors of what the store holds for the document, and the values it holds. */
async function stored(running: MemoryServer): Promise<{ authors: string[]; project: Record<string, unknown> }> {
  const history = await running.store.history(DOC);
  const doc = new Y.Doc();
  for (const record of history) Y.applyUpdate(doc, record.update);
  return { authors: history.map((record) => record.author), project: doc.getMap('project').toJSON() };
}

describe(`a member's Yjs client id cannot be squatted by another member (issue #13, seed ${SEED})`, () => {
  let running: MemoryServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('the room never hears a client id from presence: peers see an alias, the victim’s id stays unknown', async () => {
    running = memoryServer();
    const victimId = someClientId();
    const attacker = running.connect(DOC, 'zhang:member');
    const victim = running.connect(DOC, 'wang:member');
    await running.settle();
    victim.send(awarenessFrame([[victimId, 1, '{"user":"王"}']]));
    await running.settle();
    const heard = presenceIdsHeardBy(attacker);
    expect(heard.size, `seed ${SEED}`).toBe(1);
    expect(heard.has(victimId), `seed ${SEED}`).toBe(false);
    // a squat under what the attacker heard binds the alias, not the victim's id: the victim's edit still goes through
    attacker.send(editFrame([...heard][0] ?? 0, 'stage', '竣工'));
    await running.settle();
    victim.send(editFrame(victimId, 'owner', '王工'));
    await running.settle();
    expect(victim.closed).toBeNull();
    expect((await stored(running)).authors.sort()).toEqual(['wang', 'zhang']);
  });

  it('a client id shown in a member’s presence is theirs: another member writing under it first is refused (4422)', async () => {
    running = memoryServer();
    const victimId = someClientId();
    const victim = running.connect(DOC, 'wang:member');
    await running.settle();
    // the victim's browser opened the document with edits made offline; its presence goes out before its sync answer
    victim.send(awarenessFrame([[victimId, 1, '{}']]));
    await running.settle();
    // the attacker learned the id anyway (say, from an older server that relayed it) and writes under it first
    const attacker = running.connect(DOC, 'zhang:member');
    await running.settle();
    attacker.send(editFrame(victimId, 'stage', '竣工'));
    await running.settle();
    expect(attacker.closed).toEqual({ code: CloseCode.changeRefused, reason: 'client-id-foreign' });
    expect(await metricValue(running.metrics, 'guatu_sync_rejected_total', { reason: 'client-id-foreign' })).toBe(1);
    // the victim's offline edits under their own id are accepted and stored under their name
    victim.send(editFrame(victimId, 'stage', '开工'));
    await running.settle();
    expect(victim.closed).toBeNull();
    expect(await stored(running)).toEqual({ authors: ['wang'], project: { stage: '开工' } });
  });

  it('presence under a client id bound to another member is not shown, and is counted', async () => {
    running = memoryServer();
    const victimId = someClientId();
    const victim = running.connect(DOC, 'wang:member');
    const listener = running.connect(DOC, 'li:member');
    await running.settle();
    victim.send(editFrame(victimId, 'stage', '开工'));
    await running.settle();
    victim.close();
    await running.settle();
    listener.take();
    const impostor = running.connect(DOC, 'zhang:member');
    await running.settle();
    impostor.send(awarenessFrame([[victimId, 1, '{"user":"王"}']]));
    await running.settle();
    expect(presenceIdsHeardBy(listener).size).toBe(0);
    expect(await metricValue(running.metrics, 'guatu_sync_rejected_total', { reason: 'presence-client-id-foreign' })).toBe(1);
    // and a write under it is refused as before
    impostor.send(nextEditFrame(victimId, 'stage', '开工', '竣工'));
    await running.settle();
    expect(impostor.closed?.code).toBe(CloseCode.changeRefused);
    expect((await stored(running)).project).toEqual({ stage: '开工' });
  });

  it('whoever shows a client id first keeps it: a second member presenting it later is not shown, their edits under it refused', async () => {
    // the order a guess (or a collision of random ids) would take: the other member is first
    running = memoryServer();
    const id = someClientId();
    const first = running.connect(DOC, 'zhang:member');
    const second = running.connect(DOC, 'wang:member');
    await running.settle();
    first.send(awarenessFrame([[id, 1, '{}']]));
    await running.settle();
    second.take();
    second.send(awarenessFrame([[id, 1, '{}']]));
    second.send(editFrame(id, 'stage', '开工'));
    await running.settle();
    // the refusal names why, so the second member's browser can tell this apart from a rights refusal (client/)
    expect(second.closed).toEqual({ code: CloseCode.changeRefused, reason: 'client-id-foreign' });
    expect(await stored(running)).toEqual({ authors: [], project: {} });
  });
});

describe(`new client ids are bounded per update and per member (issue #13, seed ${SEED})`, () => {
  let running: MemoryServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('an update with more new client ids than any browser makes is refused (4422) and not stored', async () => {
    running = memoryServer({ limits: { maxNewClientIdsPerUpdate: 50 } });
    const forger = running.connect(DOC, 'zhang:member');
    await running.settle();
    forger.send(manyClientsFrame(Array.from({ length: 51 }, someClientId)));
    await running.settle();
    expect(forger.closed).toEqual({ code: CloseCode.changeRefused, reason: 'client-ids-too-many' });
    expect((await stored(running)).authors).toEqual([]);
  });

  it('a member bringing new client ids faster than the budget is asked to wait (4429); reconnecting does not refill it', async () => {
    let clock = Date.UTC(2026, 2, 1, 1, 30);
    running = memoryServer({ now: () => clock, limits: { maxNewClientIdsPerUpdate: 20, memberNewClientIdsPerMinute: 10 } });
    const forger = running.connect(DOC, 'zhang:member');
    await running.settle();
    for (let i = 0; i < 4; i++) forger.send(manyClientsFrame(Array.from({ length: 5 }, someClientId)));
    await running.settle();
    expect(forger.closed).toBeNull();
    forger.send(manyClientsFrame(Array.from({ length: 5 }, someClientId)));
    await running.settle();
    expect(forger.closed).toEqual({ code: CloseCode.rateLimited, reason: 'client-id-rate' });

    const again = running.connect(DOC, 'zhang:member');
    await running.settle();
    again.send(manyClientsFrame(Array.from({ length: 5 }, someClientId)));
    await running.settle();
    expect(again.closed?.code).toBe(CloseCode.rateLimited);
    // edits under client ids already theirs cost nothing
    expect((await stored(running)).authors).toHaveLength(4);

    clock += 60_000; // ten more
    const later = running.connect(DOC, 'zhang:member');
    await running.settle();
    later.send(manyClientsFrame(Array.from({ length: 10 }, someClientId)));
    await running.settle();
    expect(later.closed).toBeNull();
    const history = await running.store.history(DOC);
    const clients = new Set(history.flatMap((record) => [...Y.parseUpdateMeta(record.update).from.keys()]));
    expect(clients.size).toBe(30);
  });
});
