import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** How busy the machine is with other work: the bench shares it, so the results record this. */
export interface MachineLoad {
  /** 1-minute load average. */
  loadAverage: number;
  /** Share of all cores busy over a one-second sample (0..1); null where /proc/stat is missing. */
  busyShare: number | null;
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** Jiffies all cores spent busy and in all, since boot (null where /proc/stat is missing). */
export function cpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, v) => sum + v, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export async function sampleMachineLoad(): Promise<MachineLoad> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = cpuTimes();
  let loadAverage = Number.NaN;
  try {
    loadAverage = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    // not Linux
  }
  const busyShare = before && after && after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : null;
  return { loadAverage, busyShare };
}

/** Cores busy on average between two readings of cpuTimes(), whoever used them. */
export function busyCoresBetween(before: CpuTimes | null, after: CpuTimes | null): number {
  if (!before || !after || after.total <= before.total) return Number.NaN;
  return ((after.busy - before.busy) / (after.total - before.total)) * cpus().length;
}
