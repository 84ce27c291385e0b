import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { ModelOrigin } from '../../../shared/model/origin';

interface Message {
  channel: number;
  update: Uint8Array;
}

/**
 * A simulated network between replicas (after Yjs's TestConnector): every local update is queued on each outgoing
 * link; the test decides when a link delivers, in which order, whether twice, and which links are down. Nothing is
 * ever delivered behind the test's back.
 */
export class SimNetwork {
  private readonly queues = new Map<string, Message[]>();
  private readonly down = new Set<string>();
  /** The origin of every update this network applies, so it is not sent on again. */
  private readonly origin: ModelOrigin = { source: 'remote' };
  delivered = 0;

  /** docs[replica][channel]: each replica holds one document per channel (e.g. workspace and project). */
  constructor(readonly docs: Y.Doc[][]) {
    for (const [from, channels] of docs.entries()) {
      for (const [channel, doc] of channels.entries()) {
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === this.origin) return;
          for (let to = 0; to < docs.length; to++) if (to !== from) this.queue(from, to).push({ channel, update });
        });
      }
    }
  }

  private queue(from: number, to: number): Message[] {
    const key = `${from}>${to}`;
    let q = this.queues.get(key);
    if (!q) {
      q = [];
      this.queues.set(key, q);
    }
    return q;
  }

  /** Delivers the `pick`-th queued message of a link (any order), once or twice; nothing if the link is down. */
  deliver(from: number, to: number, pick: number, twice: boolean): void {
    if (from === to || this.down.has(`${from}>${to}`)) return;
    const q = this.queue(from, to);
    if (q.length === 0) return;
    const [msg] = q.splice(pick % q.length, 1);
    if (!msg) return;
    const doc = this.docs[to]?.[msg.channel];
    if (!doc) return;
    Y.applyUpdate(doc, msg.update, this.origin);
    if (twice) Y.applyUpdate(doc, msg.update, this.origin);
    this.delivered++;
  }

  toggleLink(from: number, to: number): void {
    const key = `${from}>${to}`;
    if (this.down.has(key)) this.down.delete(key);
    else this.down.add(key);
  }

  /** Heals every link and delivers everything still queued, in seeded random order, some messages twice. */
  flush(seed: number): void {
    this.down.clear();
    const gen = prng.create(seed);
    for (;;) {
      const busy = [...this.queues.entries()].filter(([, q]) => q.length > 0);
      if (busy.length === 0) return;
      const [key, q] = busy[prng.uint32(gen, 0, busy.length - 1)] ?? busy[0]!;
      const [from, to] = key.split('>').map(Number) as [number, number];
      this.deliver(from, to, prng.uint32(gen, 0, q.length - 1), prng.bool(gen));
    }
  }
}
