import type { AppConfig } from '../../../server/config';
import { runCli } from '../../../server/cli/run-cli';

/** Runs one CLI command in-process with `config` at the time `now` gives; the files it reads and writes live in `files`. */
export async function runCliInMemory(
  config: AppConfig,
  now: () => number,
  files: Map<string, string>,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, config, {
    now,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    writeFile: async (path, text) => void files.set(path, text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
