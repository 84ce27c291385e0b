/** `npm run cli -- <command>`: the admin CLI on the server's DATA_DIR (see server/cli/run-cli.ts). */
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from './config';
import { runCli } from './cli/run-cli';

const loaded = loadConfig(process.env, process.cwd());
if (!loaded.ok) {
  process.stderr.write(`配置有误 · invalid configuration:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(2);
}

runCli(process.argv.slice(2), loaded.config, {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`失败 · failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
