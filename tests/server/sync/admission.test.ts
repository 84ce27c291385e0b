import { afterEach, describe, expect, it } from 'vitest';
import { AdmissionQueue, type Scheduler } from '../../../server/sync/admission';
import { validUpdateFrame } from './frames';
import { metricValue, rawSocket, testAuthenticate, trackedServers } from './harness';

/** A scheduler whose turns run only when the test says so, with a clock the test moves. */
function manualScheduler(): Scheduler & {
  turns: Array<() => void>;
  runTurn(): void;
  clock: number;
} {
  const scheduler = {
    turns: [] as Array<() => void>,
    clock: 0,
    now: () => scheduler.clock,
    defer: (turn: () => void) => void scheduler.turns.push(turn),
    runTurn() {
      const turn = scheduler.turns.shift();
      if (!turn) throw new Error('no turn scheduled');
      turn();
    },
  };
  return scheduler;
}

const never = (): Promise<void> => new Promise(() => undefined);

describe('admission queue', () => {
  it('starts nothing synchronously, then at most perTurn admissions per turn, yielding between batches', () => {
    const scheduler = manualScheduler();
    const queue = new AdmissionQueue({
      perTurn: 4,
      budgetMs: 1000,
      maxInFlight: 100,
      scheduler,
    });
    let started = 0;
    for (let i = 0; i < 10; i++) void queue.run(async () => void started++);
    expect(started).toBe(0);
    expect(scheduler.turns).toHaveLength(1);
    scheduler.runTurn();
    expect(started).toBe(4);
    // the rest waits for a later turn, after the I/O pending now
    expect(scheduler.turns).toHaveLength(1);
    scheduler.runTurn();
    expect(started).toBe(8);
    scheduler.runTurn();
    expect(started).toBe(10);
    expect(scheduler.turns).toHaveLength(0);
  });

  it('ends a turn once its time budget is spent, after at least one admission', () => {
    const scheduler = manualScheduler();
    const queue = new AdmissionQueue({
      perTurn: 100,
      budgetMs: 5,
      maxInFlight: 100,
      scheduler,
    });
    let started = 0;
    // each admission's synchronous part takes 2 ms of the (fake) clock
    for (let i = 0; i < 10; i++)
      void queue.run(async () => {
        started++;
        scheduler.clock += 2;
      });
    scheduler.runTurn();
    expect(started).toBe(3);
    scheduler.runTurn();
    expect(started).toBe(6);
  });

  it('holds back new admissions while maxInFlight are under way, and goes on when one settles', async () => {
    const scheduler = manualScheduler();
    const queue = new AdmissionQueue({
      perTurn: 10,
      budgetMs: 1000,
      maxInFlight: 2,
      scheduler,
    });
    let finishFirst = (): void => undefined;
    let started = 0;
    void queue.run(() => {
      started++;
      return new Promise<void>((resolve) => (finishFirst = resolve));
    });
    for (let i = 0; i < 3; i++)
      void queue.run(() => {
        started++;
        return never();
      });
    scheduler.runTurn();
    expect(started).toBe(2);
    expect(scheduler.turns).toHaveLength(0);
    finishFirst();
    await expect.poll(() => scheduler.turns.length).toBe(1);
    scheduler.runTurn();
    expect(started).toBe(3);
  });

  it('passes on the result and the failure of an admission', async () => {
    const scheduler = manualScheduler();
    const queue = new AdmissionQueue({
      perTurn: 10,
      budgetMs: 1000,
      maxInFlight: 10,
      scheduler,
    });
    const ok = queue.run(async () => 7);
    const failed = queue.run(() => {
      throw new Error('boom');
    });
    scheduler.runTurn();
    await expect(ok).resolves.toBe(7);
    await expect(failed).rejects.toThrow('boom');
  });
});

describe('sync server admission pacing', () => {
  const tracked = trackedServers(afterEach);

  it('a storm of sockets is admitted a few per event-loop turn, not all in one', async () => {
    const scheduler = manualScheduler();
    let authenticated = 0;
    const { url, metrics } = await tracked.server({
      limits: {
        admissionsPerTurn: 3,
        admissionBudgetMs: 1000,
        admissionsInFlight: 100,
      },
      admissionScheduler: scheduler,
      authenticate: (token) => {
        authenticated++;
        return testAuthenticate(token);
      },
    });
    const sockets = await Promise.all(Array.from({ length: 8 }, (_, i) => rawSocket(url, `doc-${i}`, `m${i}:member`)));
    tracked.cleanups.push(() => {
      for (const s of sockets) s.ws.close();
    });
    await expect.poll(() => metricValue(metrics, 'guatu_sync_connections')).toBe(8);
    // every socket is open, none admitted yet: the server has not run a single admission in the upgrade's turn
    expect(authenticated).toBe(0);
    scheduler.runTurn();
    expect(authenticated).toBe(3);
    scheduler.runTurn();
    expect(authenticated).toBe(6);
    scheduler.runTurn();
    expect(authenticated).toBe(8);
    // and each admitted socket gets its sync step 1
    await expect.poll(() => sockets.filter((s) => s.received.length > 0).length).toBe(8);
  });
});

describe('heavy frames are paced', () => {
  const tracked = trackedServers(afterEach);

  it('one heavy frame is handled per event-loop turn across connections, and a connection keeps its order', async () => {
    const scheduler = manualScheduler();
    const { url, metrics } = await tracked.server({
      limits: { admissionsPerTurn: 10, admissionBudgetMs: 1000, admissionsInFlight: 10, pacedFrameBytes: 1024 },
      admissionScheduler: scheduler,
    });
    const a = await rawSocket(url, 'doc-a', 'li:member');
    const b = await rawSocket(url, 'doc-b', 'wang:member');
    tracked.cleanups.push(() => {
      a.ws.close();
      b.ws.close();
    });
    await expect.poll(() => metricValue(metrics, 'guatu_sync_connections')).toBe(2);
    scheduler.runTurn(); // admission
    await expect.poll(() => a.received.length > 0 && b.received.length > 0).toBe(true);
    const updates = () => metricValue(metrics, 'guatu_sync_updates_in_total');
    a.ws.send(validUpdateFrame('big', 'x'.repeat(4096)));
    a.ws.send(validUpdateFrame('small', 'after the big one'));
    b.ws.send(validUpdateFrame('big', 'y'.repeat(4096)));
    await expect.poll(() => metricValue(metrics, 'guatu_sync_frames_in_total')).toBe(3);
    // all three arrived; none handled: the heavy ones wait for their turn, the small one behind its connection's
    expect(await updates()).toBe(0);
    scheduler.runTurn();
    // one heavy frame, then the small frame queued behind it on the same connection
    await expect.poll(updates).toBe(2);
    scheduler.runTurn();
    await expect.poll(updates).toBe(3);
  });
});
