/**
 * The rules every FanOut keeps (the Redis one and the in-memory bus the cluster tests use). A factory opens one
 * "instance" of the fan-out with a handler; instances opened by one factory share one bus.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FanOut } from '../../../server/cluster/fan-out';
import type { CommittedUpdate } from '../../../server/sync/config';

export interface FanOutBus {
  open(onUpdates: (updates: CommittedUpdate[]) => void): Promise<FanOut>;
  cleanup(): Promise<void>;
}

const bytes = (...values: number[]) => new Uint8Array(values);
const D1 = 'ws/w1/project/p1';
const D2 = 'ws/w1/project/p2';

export function describeFanOutContract(name: string, makeBus: () => Promise<FanOutBus>): void {
  describe(`FanOut contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function twoInstances() {
      const bus = await makeBus();
      cleanups.push(bus.cleanup);
      const received: CommittedUpdate[][] = [[], []];
      const a = await bus.open((u) => received[0]?.push(...u));
      const b = await bus.open((u) => received[1]?.push(...u));
      cleanups.push(async () => {
        await a.close();
        await b.close();
      });
      return { a, b, received, bus };
    }
    const seqsOf = (updates: CommittedUpdate[] | undefined, doc = D1) => (updates ?? []).filter((u) => u.docName === doc).map((u) => u.seq);

    it('[F1] another instance receives the followed documents’ updates in seq order, byte for byte, and nothing of the others', async () => {
      const { a, b, received } = await twoInstances();
      await b.follow(D1, 0);
      await a.publish([
        { docName: D1, seq: 1, update: bytes(1, 2, 3) },
        { docName: D2, seq: 1, update: bytes(9) },
        { docName: D1, seq: 2, update: bytes(0, 255) },
      ]);
      await a.publish([{ docName: D1, seq: 3, update: bytes(7) }]);
      await vi.waitFor(() => expect(seqsOf(received[1])).toEqual([1, 2, 3]));
      expect(received[1]?.map((u) => [...u.update])).toEqual([[1, 2, 3], [0, 255], [7]]);
      expect(seqsOf(received[1], D2)).toEqual([]);
    });

    it('[F2] once follow resolves, what is published above its seq is delivered; nothing at or below it; what came before is not promised', async () => {
      const { a, b, received } = await twoInstances();
      await a.publish([1, 2, 3].map((seq) => ({ docName: D1, seq, update: bytes(seq) })));
      await b.follow(D1, 4);
      await a.publish([4, 5, 6].map((seq) => ({ docName: D1, seq, update: bytes(seq) })));
      await vi.waitFor(() => expect(seqsOf(received[1])).toEqual([5, 6]));
    });

    it('[F3] a seq published again, or overtaken by a later one, is delivered once and does not fail the publish', async () => {
      const { a, b, received } = await twoInstances();
      await b.follow(D1, 0);
      await a.publish([{ docName: D1, seq: 2, update: bytes(2) }]);
      await b.publish([{ docName: D1, seq: 1, update: bytes(1) }]);
      await a.publish([{ docName: D1, seq: 2, update: bytes(2) }]);
      await a.publish([{ docName: D1, seq: 3, update: bytes(3) }]);
      await vi.waitFor(() => expect(seqsOf(received[1])).toEqual([2, 3]));
    });

    it('[F4] after unfollow nothing more of that document arrives; the publisher may follow its own documents too', async () => {
      const { a, b, received } = await twoInstances();
      await b.follow(D1, 0);
      await a.follow(D2, 0);
      await a.publish([{ docName: D1, seq: 1, update: bytes(1) }]);
      await vi.waitFor(() => expect(seqsOf(received[1])).toEqual([1]));
      b.unfollow(D1);
      await a.publish([
        { docName: D1, seq: 2, update: bytes(2) },
        { docName: D2, seq: 1, update: bytes(5) },
      ]);
      await vi.waitFor(() => expect(seqsOf(received[0], D2)).toEqual([1]));
      expect(seqsOf(received[1])).toEqual([1]);
    });

    it('[F5] a publish over several documents with a seq published already among them delivers the rest, in seq order per document', async () => {
      const { a, b, received } = await twoInstances();
      await b.follow(D1, 0);
      await b.follow(D2, 0);
      await a.publish([
        { docName: D1, seq: 1, update: bytes(1) },
        { docName: D2, seq: 1, update: bytes(1) },
      ]);
      await a.publish([
        { docName: D1, seq: 1, update: bytes(1) }, // published already: skipped, and the publish does not fail
        { docName: D1, seq: 2, update: bytes(2) },
        { docName: D2, seq: 2, update: bytes(2) },
        { docName: D1, seq: 3, update: bytes(3) },
      ]);
      await vi.waitFor(() => expect(received[1]).toHaveLength(5));
      expect(seqsOf(received[1], D1)).toEqual([1, 2, 3]);
      expect(seqsOf(received[1], D2)).toEqual([1, 2]);
    });
  });
}
