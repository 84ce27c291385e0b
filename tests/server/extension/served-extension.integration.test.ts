import { request } from 'node:http';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extensionIdOf } from '../../../server/extension/extension-key';
import { createApp, type App } from '../../../server/app';
import { createSilentLogger } from '../../../server/log';
import { testConfig } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';
import { crx3SignedBytes, parseCrx3, readZipEntry, zipEntryNames } from './crx-file';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A built extension as `wxt build` leaves it (with the development manifest key, which the server replaces). */
function fakeBuild(dir: string, version: string): void {
  mkdirSync(join(dir, 'chunks'), { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: '挂图作战 Guatu', version, key: 'MIIBdevkey', background: { service_worker: 'background.js' } }),
  );
  writeFileSync(join(dir, 'background.js'), 'console.log("guatu");\n'.repeat(50));
  writeFileSync(join(dir, 'chunks', 'board.js'), 'export const board = 1;\n');
}

/** A Firefox build as `npm run build:firefox` leaves it: MV2, a background page, the fixed gecko id. */
function fakeFirefoxBuild(dir: string, version: string): void {
  mkdirSync(join(dir, 'chunks'), { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 2,
      name: '挂图作战 Guatu',
      version,
      background: { scripts: ['background.js'] },
      browser_specific_settings: { gecko: { id: 'guatu@guatu.local' } },
    }),
  );
  writeFileSync(join(dir, 'background.js'), 'console.log("guatu firefox");\n'.repeat(50));
  writeFileSync(join(dir, 'chunks', '看板.js'), 'export const board = 2;\n');
}

interface Running {
  app: App;
  /** The address the server listens on (PUBLIC_URL is what it writes into files, not where the test connects). */
  base: string;
}

async function start(
  dataDir: string,
  buildDir: string,
  publicUrl: string | null = 'http://guatu.anping.lan:8787',
  firefoxDir: string | null = null,
): Promise<Running> {
  const app = await createApp(testConfig(dataDir, { wallDir: buildDir, publicUrl, demo: false, firefoxDir }), { logger: createSilentLogger() });
  cleanups.push(() => app.close());
  const { port } = await app.listen();
  return { app, base: `http://127.0.0.1:${port}` };
}

const listening = (running: Running): string => running.base;

describe('the extension served from the intranet', () => {
  it('serves a CRX3 signed with its own key whose id is the one in updates.xml, the zip’s manifest key and the policies', async () => {
    const tmp = makeTempDir('ext');
    cleanups.push(tmp.remove);
    const build = join(tmp.dir, 'build');
    fakeBuild(build, '1.4.2');
    const running = await start(join(tmp.dir, 'data'), build);
    const base = listening(running);

    const xml = await (await fetch(`${base}/ext/updates.xml`)).text();
    const appid = /<app appid="([a-p]{32})">/.exec(xml)?.[1];
    expect(appid).toBeDefined();
    expect(xml).toContain('codebase="http://guatu.anping.lan:8787/ext/guatu.crx" version="1.4.2"');

    const crxResponse = await fetch(`${base}/ext/guatu.crx`);
    expect(crxResponse.headers.get('content-type')).toBe('application/x-chrome-extension');
    const crx = parseCrx3(Buffer.from(await crxResponse.arrayBuffer()));
    expect(crx.version).toBe(3);
    expect(crx.publicKeys).toHaveLength(1);
    const publicDer = crx.publicKeys[0] ?? Buffer.alloc(0);
    // the id Chromium derives from the CRX's key, the id the header states, and updates.xml's agree
    expect(extensionIdOf(publicDer)).toBe(appid);
    expect(crx.crxId.equals(createHash('sha256').update(publicDer).digest().subarray(0, 16))).toBe(true);
    const publicKey = createPublicKey({ key: publicDer, format: 'der', type: 'spki' });
    expect(verify('sha256', crx3SignedBytes(crx), publicKey, crx.signatures[0] ?? Buffer.alloc(0))).toBe(true);
    // one byte changed in the archive and the signature no longer holds
    const tampered = Buffer.from(crx.zip);
    tampered[tampered.length - 30] = (tampered[tampered.length - 30] ?? 0) ^ 0xff;
    expect(verify('sha256', crx3SignedBytes({ ...crx, zip: tampered }), publicKey, crx.signatures[0] ?? Buffer.alloc(0))).toBe(false);

    // the manifest inside carries the same key (so the zip loaded unpacked gets the same id) and this server's updates
    const manifest = JSON.parse(readZipEntry(crx.zip, 'manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(extensionIdOf(Buffer.from(String(manifest.key), 'base64'))).toBe(appid);
    expect(manifest.update_url).toBe('http://guatu.anping.lan:8787/ext/updates.xml');
    expect(readZipEntry(crx.zip, 'chunks/board.js')?.toString('utf8')).toBe('export const board = 1;\n');
    // the zip download is the CRX's archive
    const zip = Buffer.from(await (await fetch(`${base}/ext/guatu.zip`)).arrayBuffer());
    expect(zip.equals(crx.zip)).toBe(true);

    // policy files with the address filled in
    const linux = JSON.parse(await (await fetch(`${base}/ext/policy/linux.json`)).text()) as Record<string, unknown>;
    expect(linux).toEqual({
      ExtensionInstallForcelist: [`${appid};http://guatu.anping.lan:8787/ext/updates.xml`],
      ExtensionSettings: { [appid ?? '']: { installation_mode: 'force_installed', update_url: 'http://guatu.anping.lan:8787/ext/updates.xml' } },
      '3rdparty': { extensions: { [appid ?? '']: { serverUrl: 'http://guatu.anping.lan:8787', locale: 'zh-CN' } } },
    });
    for (const [file, root] of [
      ['chrome.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
      ['edge.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
    ] as const) {
      const bytes = Buffer.from(await (await fetch(`${base}/ext/policy/${file}`)).arrayBuffer());
      expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      const reg = bytes.subarray(2).toString('utf16le');
      expect(reg.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
      expect(reg).toContain(`[${root}\\ExtensionInstallForcelist]\r\n"1"="${appid};http://guatu.anping.lan:8787/ext/updates.xml"`);
      expect(reg).toContain(`[${root}\\3rdparty\\extensions\\${appid}\\policy]\r\n"serverUrl"="http://guatu.anping.lan:8787"`);
    }

    const page = await (await fetch(`${base}/install`)).text();
    expect(page).toContain('安装挂图作战扩展');
    expect(page).toContain(`扩展 ID：${appid}`);
    expect(page).toContain('<a href="http://guatu.anping.lan:8787/ext/policy/chrome.reg">');
  }, 60_000);

  it('without PUBLIC_URL writes where it listens into the files, whatever Host the first request claims', async () => {
    const tmp = makeTempDir('ext-host');
    cleanups.push(tmp.remove);
    const build = join(tmp.dir, 'build');
    fakeBuild(build, '1.4.2');
    const running = await start(join(tmp.dir, 'data'), build, null);
    const base = listening(running);
    // node's fetch does not let a caller set Host; a raw request does
    const forged = await new Promise<string>((done, fail) => {
      const req = request(`${base}/ext/updates.xml`, { headers: { host: 'evil.example:80' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => done(body));
      });
      req.on('error', fail);
      req.end();
    });
    expect(forged).not.toContain('evil.example');
    expect(forged).toContain(`codebase="${base}/ext/guatu.crx"`);
    expect(await (await fetch(`${base}/ext/updates.xml`)).text()).toBe(forged);
  });

  it('keeps its key across restarts (same id), and without a build says how to make one', async () => {
    const tmp = makeTempDir('ext-restart');
    cleanups.push(tmp.remove);
    const data = join(tmp.dir, 'data');
    const build = join(tmp.dir, 'build');
    const first = await start(data, join(tmp.dir, 'no-build-yet'));
    const missing = await fetch(`${listening(first)}/ext/updates.xml`);
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('npm run build');
    expect(await (await fetch(`${listening(first)}/install`)).text()).toContain('服务器上还没有构建好的扩展');
    await first.app.close();

    fakeBuild(build, '1.0.0');
    const again = await start(data, build, null);
    const xml = await (await fetch(`${listening(again)}/ext/updates.xml`)).text();
    const id = /appid="([a-p]{32})"/.exec(xml)?.[1];
    // without PUBLIC_URL the address the request came to
    expect(xml).toContain(`codebase="${listening(again)}/ext/guatu.crx"`);
    await again.app.close();
    const third = await start(data, build, null);
    expect(await (await fetch(`${listening(third)}/ext/updates.xml`)).text()).toContain(`appid="${id}"`);
    // another server (another DATA_DIR) signs with another key: another id
    const other = await start(join(tmp.dir, 'other'), build, null);
    expect(await (await fetch(`${listening(other)}/ext/updates.xml`)).text()).not.toContain(`appid="${id}"`);
  }, 60_000);

  it('serves the Firefox build as its own zip, unchanged and with its gecko id, named on /install', async () => {
    const tmp = makeTempDir('ext-firefox');
    cleanups.push(tmp.remove);
    const build = join(tmp.dir, 'build');
    fakeBuild(build, '1.4.2');
    const firefox = join(tmp.dir, 'firefox-mv2');
    const running = await start(join(tmp.dir, 'data'), build, 'http://guatu.anping.lan:8787', firefox);
    const base = listening(running);

    // no Firefox build yet: a clear 503, and the page says how to make one
    const missing = await fetch(`${base}/ext/guatu-firefox.zip`);
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('npm run build:firefox');
    expect(await (await fetch(`${base}/install`)).text()).toContain('npm run build:firefox');

    fakeFirefoxBuild(firefox, '1.4.2');
    const response = await fetch(`${base}/ext/guatu-firefox.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="guatu-1.4.2-firefox.zip"');
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zipEntryNames(zip)).toEqual(['background.js', 'chunks/看板.js', 'manifest.json']);
    // Firefox's manifest as built: MV2, the fixed id, no Chromium key or update_url written in
    const manifest = JSON.parse(readZipEntry(zip, 'manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(manifest).toEqual(JSON.parse(readFileSync(join(firefox, 'manifest.json'), 'utf8')));
    expect(readZipEntry(zip, 'chunks/看板.js')?.toString('utf8')).toBe('export const board = 2;\n');
    // the Chromium files are untouched by it
    expect(zipEntryNames(Buffer.from(await (await fetch(`${base}/ext/guatu.zip`)).arrayBuffer()))).toContain('chunks/board.js');

    const page = await (await fetch(`${base}/install`)).text();
    expect(page).toContain('<a href="http://guatu.anping.lan:8787/ext/guatu-firefox.zip">');
    expect(page).toContain('附加组件 ID：guatu@guatu.local');

    // a new Firefox build is served on the next request
    fakeFirefoxBuild(firefox, '1.4.3');
    utimesSync(join(firefox, 'manifest.json'), new Date(), new Date(Date.now() + 5_000));
    const next = Buffer.from(await (await fetch(`${base}/ext/guatu-firefox.zip`)).arrayBuffer());
    expect(JSON.parse(readZipEntry(next, 'manifest.json')?.toString('utf8') ?? '{}')).toMatchObject({ version: '1.4.3' });
  }, 60_000);
});
