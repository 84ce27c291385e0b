import { vi } from 'vitest';

/**
 * The one way server tests wait: vitest's `vi.waitFor`, polling `condition` (sync or async) every 5 ms until it
 * holds, failing after `timeoutMs` with what it waited for.
 */
export function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 5 },
  );
}
