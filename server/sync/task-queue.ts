/**
 * Runs a room's tasks in arrival order: nothing is queued while no asynchronous step is under way (a message is then
 * handled at once); once one is, later tasks wait behind it.
 */
export class TaskQueue {
  private tail: Promise<void> = Promise.resolve();
  /** Tasks queued on `tail`; while above 0, arriving tasks queue behind them. */
  private waiting = 0;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Whether an asynchronous step is under way (a new task must queue). */
  get busy(): boolean {
    return this.waiting > 0;
  }

  /** Runs `task` after everything queued; tasks arriving meanwhile queue behind it. Never rejects. */
  push(task: () => void | Promise<void>): void {
    this.waiting++;
    this.tail = this.tail
      .then(task)
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.waiting--;
      });
  }

  /** Resolves when what is queued now has run. */
  drained(): Promise<void> {
    return this.tail;
  }

  /** Resolves once nothing is queued, including tasks queued while waiting. */
  async idle(): Promise<void> {
    while (this.waiting > 0) await this.tail;
  }
}
