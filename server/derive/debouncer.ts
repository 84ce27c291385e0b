import type { Timers } from './timers';

/**
 * Runs `task(key)` once `ms` after the last `schedule(key)`: a burst of edits to one document derives once. A key
 * scheduled again and again without `ms` of quiet still runs `maxWaitMs` after the first schedule of the burst, so a
 * stream of edits neither postpones its derivation forever nor runs it more than once per `maxWaitMs`.
 * Runs of one key never overlap: a schedule during a run waits for it, then runs again.
 */
export interface Debouncer {
  schedule(key: string): void;
  /** Runs every scheduled key now and waits for every run in flight. */
  flush(): Promise<void>;
  /** Forgets what is scheduled (nothing more will run); waits for runs in flight. */
  cancel(): Promise<void>;
  readonly pending: number;
}

interface Scheduled {
  handle: unknown;
  /** The timer that fires `maxWaitMs` after the burst began, whatever comes after (null without a maximum wait). */
  deadline: unknown;
}

export function createDebouncer(
  timers: Timers,
  ms: number,
  task: (key: string) => Promise<void>,
  onError: (key: string, error: unknown) => void,
  maxWaitMs = Number.POSITIVE_INFINITY,
): Debouncer {
  const scheduled = new Map<string, Scheduled>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  function run(key: string): Promise<void> {
    const before = running.get(key) ?? Promise.resolve();
    const next = before
      .then(() => task(key))
      .catch((error: unknown) => onError(key, error))
      .finally(() => {
        if (running.get(key) === next) running.delete(key);
      });
    running.set(key, next);
    return next;
  }

  function fire(key: string): void {
    const entry = scheduled.get(key);
    if (!entry) return;
    timers.clear(entry.handle);
    if (entry.deadline !== null) timers.clear(entry.deadline);
    scheduled.delete(key);
    void run(key);
  }

  return {
    schedule(key) {
      if (stopped) return;
      const entry = scheduled.get(key);
      if (entry) timers.clear(entry.handle);
      const deadline = entry ? entry.deadline : Number.isFinite(maxWaitMs) ? timers.set(() => fire(key), maxWaitMs) : null;
      scheduled.set(key, { handle: timers.set(() => fire(key), ms), deadline });
    },
    async flush() {
      for (const key of [...scheduled.keys()]) fire(key);
      await Promise.all([...running.values()]);
    },
    async cancel() {
      stopped = true;
      for (const entry of scheduled.values()) {
        timers.clear(entry.handle);
        if (entry.deadline !== null) timers.clear(entry.deadline);
      }
      scheduled.clear();
      await Promise.all([...running.values()]);
    },
    get pending() {
      return scheduled.size + running.size;
    },
  };
}
