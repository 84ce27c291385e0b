/** `npm run cli -- <command>`: the admin CLI on the server's DATA_DIR (see server/cli/run-cli.ts). */
import { readFile, writeFile } from 'node:fs/promises';
import { t } from '../shared/i18n';
import { loadConfig } from './config';
import { cliLocale, runCli } from './cli/run-cli';

const argv = process.argv.slice(2);
const locale = cliLocale(argv) ?? 'zh-CN';
const loaded = loadConfig(process.env, process.cwd());
if (!loaded.ok) {
  process.stderr.write(`${t(locale, 'cli.badConfig')}\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(2);
}

runCli(argv, loaded.config, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFile(path, 'utf8'),
  readBytes: (path) => readFile(path),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${t(locale, 'cli.failed', { reason: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`);
    process.exit(1);
  },
);
