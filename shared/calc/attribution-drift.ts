/**
 * Offline work carries the time the cadre's laptop gave it; the server keeps the time it received it. Both are shown
 * when they are this far apart, so a 督查 sees a tick dated "2 January" that reached the server in March.
 */
export const ATTRIBUTION_DRIFT_DAYS = 3;

const DAY_MS = 86_400_000;

/**
 * The client-written time inside a changed value (an attribution `{by, at}`, possibly inside a group such as a
 * problem's state) when it is more than `maxDays` away from `receivedAt`; null otherwise.
 */
export function attributionDrift(value: unknown, receivedAt: number, maxDays = ATTRIBUTION_DRIFT_DAYS): number | null {
  const claimed = claimedTime(value, 0);
  if (claimed === null) return null;
  return Math.abs(receivedAt - claimed) > maxDays * DAY_MS ? claimed : null;
}

function claimedTime(value: unknown, depth: number): number | null {
  if (depth > 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.by === 'string' && typeof record.at === 'number' && Number.isFinite(record.at)) return record.at;
  for (const inner of Object.values(record)) {
    const found = claimedTime(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
