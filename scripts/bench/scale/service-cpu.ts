/**
 * CPU time used by the database and Redis server processes (every process whose name is `postgres` or
 * `redis-server`), from /proc: the part of an edit's cost that the instances' own CPU does not show. On a shared
 * machine it includes whatever else uses the same servers meanwhile; the bench says so. Null where /proc is missing.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type ServiceName = 'postgres' | 'redis-server';

export function serviceCpuMs(): Record<ServiceName, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const used: Record<ServiceName, number> = { postgres: 0, 'redis-server': 0 };
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    if (comm !== 'postgres' && comm !== 'redis-server') continue;
    const fields = stat.slice(close + 2).split(' ');
    // fields[11] and [12] are utime and stime (the 14th and 15th of the whole line)
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) used[comm] += (ticks / TICKS_PER_SECOND) * 1000;
  }
  return used;
}
