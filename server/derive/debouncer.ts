import type { Timers } from './timers';

/**
 * Runs `task(key)` once `ms` after the last `schedule(key)`: a burst of edits to one document derives once.
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

export function createDebouncer(timers: Timers, ms: number, task: (key: string) => Promise<void>, onError: (key: string, error: unknown) => void): Debouncer {
  const scheduled = new Map<string, unknown>();
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

  return {
    schedule(key) {
      if (stopped) return;
      const handle = scheduled.get(key);
      if (handle !== undefined) timers.clear(handle);
      scheduled.set(
        key,
        timers.set(() => {
          scheduled.delete(key);
          void run(key);
        }, ms),
      );
    },
    async flush() {
      const keys = [...scheduled.keys()];
      for (const key of keys) {
        timers.clear(scheduled.get(key));
        scheduled.delete(key);
        void run(key);
      }
      await Promise.all([...running.values()]);
    },
    async cancel() {
      stopped = true;
      for (const handle of scheduled.values()) timers.clear(handle);
      scheduled.clear();
      await Promise.all([...running.values()]);
    },
    get pending() {
      return scheduled.size + running.size;
    },
  };
}
