import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

export interface Machine {
  /** What `nproc` reports: the cores this process may run on. */
  cores: number;
  model: string;
  memoryGiB: number;
  node: string;
}

export function describeMachine(): Machine {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: os.cpus() has the model too
  }
  return { cores: availableParallelism(), model, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version };
}
