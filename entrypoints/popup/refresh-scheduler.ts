/**
 * Runs `refresh` after each request, never two at once: requests made while one runs fold into a single rerun, so a
 * burst of edits (or of relayed updates) costs at most one extra pass.
 */
export function createRefreshScheduler(refresh: () => Promise<unknown>, onError: (error: unknown) => void = () => {}): { request(): void; stop(): void } {
  let running = false;
  let again = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    running = true;
    do {
      again = false;
      try {
        await refresh();
      } catch (error) {
        onError(error);
      }
    } while (again && !stopped);
    running = false;
  };
  return {
    request() {
      if (stopped) return;
      if (running) again = true;
      else void run();
    },
    stop() {
      stopped = true;
    },
  };
}
