import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createSilentLogger } from '../../server/log';
import { testConfig } from '../server/app/fixtures';
import { readZipEntry, zipEntryNames } from '../server/extension/crx-file';
import { makeTempDir } from '../server/storage/temp-dir';

// The extension ships for Chrome (MV3, built by the e2e tests) and Firefox: `wxt zip -b firefox` must keep working.
describe('the Firefox build', () => {
  it('zips an MV2 extension with the popup, board, options, admin console and background, and the same permissions', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const zipFile = `.output/guatu-${version}-firefox.zip`;
    rmSync('.output/firefox-mv2', { recursive: true, force: true });
    rmSync(zipFile, { force: true });
    const zip = spawnSync('npx', ['wxt', 'zip', '-b', 'firefox'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
      timeout: 240_000,
    });
    expect(zip.status, zip.stderr || zip.stdout).toBe(0);
    const dir = '.output/firefox-mv2';
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      manifest_version: 2,
      name: '挂图作战 Guatu',
      permissions: expect.arrayContaining(['storage', 'alarms', 'notifications']),
      background: { scripts: expect.any(Array) },
      browser_action: { default_popup: 'popup.html' },
      options_ui: { page: 'options.html' },
      // the fixed add-on id (Firefox does not derive one from a key)
      browser_specific_settings: { gecko: { id: 'guatu@guatu.local' } },
    });
    expect(manifest).not.toHaveProperty('key');
    for (const page of ['popup.html', 'board.html', 'options.html', 'admin.html']) expect(existsSync(join(dir, page)), page).toBe(true);
    expect(existsSync(zipFile)).toBe(true);
  }, 300_000);

  it('is what the server serves as /ext/guatu-firefox.zip: the Firefox manifest and every page', async () => {
    // the build the test above made (or an earlier one); built here when absent so this test stands alone
    if (!existsSync('.output/firefox-mv2/manifest.json')) {
      const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
        timeout: 240_000,
      });
      expect(build.status, build.stderr || build.stdout).toBe(0);
    }
    const tmp = makeTempDir('firefox-served');
    const app = await createApp(testConfig(join(tmp.dir, 'data'), { demo: false, firefoxDir: resolve('.output/firefox-mv2') }), {
      logger: createSilentLogger(),
    });
    try {
      const { port } = await app.listen();
      const response = await fetch(`http://127.0.0.1:${port}/ext/guatu-firefox.zip`);
      expect(response.status).toBe(200);
      const zip = Buffer.from(await response.arrayBuffer());
      const manifest: unknown = JSON.parse(readZipEntry(zip, 'manifest.json')?.toString('utf8') ?? '{}');
      expect(manifest).toMatchObject({
        manifest_version: 2,
        background: { scripts: expect.any(Array) },
        browser_specific_settings: { gecko: { id: 'guatu@guatu.local' } },
      });
      for (const page of ['popup.html', 'board.html', 'options.html', 'admin.html']) expect(zipEntryNames(zip), page).toContain(page);
    } finally {
      await app.close();
      tmp.remove();
    }
  }, 300_000);
});
