import { shanghaiDate } from '../../shared/format';

/** Today's calendar date in Asia/Shanghai (the day on the wall). */
export function shanghaiToday(now: number): string {
  return shanghaiDate(now);
}
