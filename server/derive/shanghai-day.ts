import { shanghaiDate } from '../../shared/format';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Today's calendar date in Asia/Shanghai (the day on the wall). */
export function shanghaiToday(now: number): string {
  return shanghaiDate(now);
}

/** Milliseconds from `now` until just after the next midnight in Asia/Shanghai (UTC+8, no daylight saving). */
export function msUntilNextShanghaiDay(now: number, slackMs = 5_000): number {
  const local = now + SHANGHAI_OFFSET_MS;
  const nextMidnight = (Math.floor(local / DAY_MS) + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
  return nextMidnight - now + slackMs;
}
