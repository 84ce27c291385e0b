import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/run-cli';
import { loadSigningKey } from '../../../server/extension/extension-key';
import { testConfig } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = makeTempDir('cli-ext')));
afterEach(() => remove());

async function cli(wallDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWith({ wallDir }, ...argv);
}

async function cliWith(dirs: { wallDir: string; firefoxDir?: string }, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, testConfig(join(dir, 'data'), { ...dirs, host: '0.0.0.0' }), {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async () => '',
    writeFile: async () => undefined,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- extension', () => {
  it('prints the id of the server’s own key, the install paths and the policies with the address filled in', async () => {
    const build = join(dir, 'build');
    mkdirSync(build);
    writeFileSync(join(build, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Guatu', version: '2.0.1' }));
    const printed = await cli(build, 'extension', '--url', 'http://10.1.2.3:8787/');
    expect(printed.code).toBe(0);
    expect(printed.err).toContain('已生成服务器的扩展签名密钥');
    const { id } = loadSigningKey({ dataDir: join(dir, 'data') });
    expect(printed.out).toContain(`扩展 ID：${id}`);
    expect(printed.out).toContain('版本：2.0.1');
    expect(printed.out).toContain(`"${id};http://10.1.2.3:8787/ext/updates.xml"`);
    expect(printed.out).toContain('/etc/opt/chrome/policies/managed/');
    // the same key on the next run: no new one, the same id
    const again = await cli(build, 'extension');
    expect(again.err).not.toContain('已生成');
    expect(again.out).toContain(`扩展 ID：${id}`);
    // HOST=0.0.0.0 without PUBLIC_URL: an address no browser can use, said so
    expect(again.err).toContain('请设置 PUBLIC_URL');
  });

  it('names the Firefox zip and its add-on id when the server has a Firefox build, and how to make one when not', async () => {
    const build = join(dir, 'build');
    mkdirSync(build);
    writeFileSync(join(build, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Guatu', version: '2.0.1' }));
    const firefox = join(dir, 'firefox');
    mkdirSync(firefox);
    writeFileSync(
      join(firefox, 'manifest.json'),
      JSON.stringify({ manifest_version: 2, name: 'Guatu', version: '2.0.1', browser_specific_settings: { gecko: { id: 'guatu@anping.gov.cn' } } }),
    );
    const printed = await cliWith({ wallDir: build, firefoxDir: firefox }, 'extension', '--url', 'http://10.1.2.3:8787');
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('下载 http://10.1.2.3:8787/ext/guatu-firefox.zip（火狐版，版本 2.0.1，附加组件 ID：guatu@anping.gov.cn）');
    const without = await cliWith({ wallDir: build, firefoxDir: join(dir, 'no-firefox') }, 'extension', '--url', 'http://10.1.2.3:8787');
    expect(without.code).toBe(0);
    expect(without.out).not.toContain('guatu-firefox.zip');
    expect(without.out).toContain('npm run build:firefox');
  });

  it('says the extension is not built yet (exit 1)', async () => {
    const printed = await cli(join(dir, 'nothing'), 'extension', '--url', 'http://10.1.2.3:8787');
    expect(printed.code).toBe(1);
    expect(printed.err).toContain('npm run build');
  });
});
