import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    });
    for (const page of ['popup.html', 'board.html', 'options.html', 'admin.html']) expect(existsSync(join(dir, page)), page).toBe(true);
    expect(existsSync(zipFile)).toBe(true);
  }, 300_000);
});
