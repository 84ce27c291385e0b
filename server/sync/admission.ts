/**
 * Paces the admission of new connections (token check, rights, document load, first sync send) so a storm of them
 * cannot hold the event loop: at most `perTurn` admissions start per event-loop turn, no more than `budgetMs` of
 * synchronous work is started in one turn, and at most `maxInFlight` are under way at once. Between batches the queue
 * yields (setImmediate), so /health, pongs and the frames of connected clients are served in between.
 *
 * Without it, 2000 sockets opened in one tick run their admissions as one long chain of microtasks (most steps resolve
 * without real I/O), and nothing else runs until the last one has been sent its document.
 */

/** How the queue yields and tells time; tests inject one that runs turns by hand. */
export interface Scheduler {
  now(): number;
  /** Runs `turn` in a later event-loop turn, after pending I/O. */
  defer(turn: () => void): void;
}

export const eventLoopScheduler: Scheduler = {
  now: () => performance.now(),
  defer: (turn) => void setImmediate(turn),
};

export interface AdmissionOptions {
  /** Admissions started per turn at most. */
  perTurn: number;
  /** Stop starting admissions in a turn once this much time has gone by in it. */
  budgetMs: number;
  /** Admissions under way (started, not settled) at most. */
  maxInFlight: number;
  scheduler?: Scheduler;
}

export class AdmissionQueue {
  private readonly waiting: Array<() => void> = [];
  private inFlight = 0;
  private turnScheduled = false;
  private readonly scheduler: Scheduler;

  constructor(private readonly options: AdmissionOptions) {
    this.scheduler = options.scheduler ?? eventLoopScheduler;
  }

  /** Admissions waiting for their turn. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Runs `task` in a later turn, when the pacing allows; settles as the task does. Never starts it synchronously. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.inFlight++;
        let settled: Promise<T>;
        try {
          settled = task();
        } catch (error) {
          settled = Promise.reject(error);
        }
        settled.then(resolve, reject).finally(() => {
          this.inFlight--;
          this.scheduleTurn();
        });
      });
      this.scheduleTurn();
    });
  }

  private scheduleTurn(): void {
    if (this.turnScheduled || this.waiting.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.turnScheduled = true;
    this.scheduler.defer(() => this.turn());
  }

  private turn(): void {
    this.turnScheduled = false;
    const { perTurn, budgetMs, maxInFlight } = this.options;
    const start = this.scheduler.now();
    let started = 0;
    while (this.waiting.length > 0 && started < perTurn && this.inFlight < maxInFlight) {
      if (started > 0 && this.scheduler.now() - start >= budgetMs) break;
      const next = this.waiting.shift();
      started++;
      next?.();
    }
    // more waiting: the next batch comes after whatever I/O is pending now
    this.scheduleTurn();
  }
}
