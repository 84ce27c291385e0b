import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { extensionIdOf } from '../../server/extension/extension-key';
import { createSilentLogger } from '../../server/log';
import { chromiumPresence, EXTENSION_DIR, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { waitUntil } from '../../scripts/browser/extension-pages';
import { testConfig } from '../server/app/fixtures';
import { readZipEntry, zipEntryNames } from '../server/extension/crx-file';

const presence = chromiumPresence();

describe.skipIf(!presence.run)('the extension installed from the intranet server, in Chromium', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('gets the id updates.xml names when loaded from the served zip, and the build its fixed manifest-key id', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'guatu-e2e-served-'));
    cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
    const app: App = await createApp(testConfig(join(tmp, 'data'), { wallDir: EXTENSION_DIR, demo: false }), { logger: createSilentLogger() });
    cleanups.push(() => app.close());
    const { port } = await app.listen();
    const base = `http://127.0.0.1:${port}`;

    const xml = await (await fetch(`${base}/ext/updates.xml`)).text();
    const servedId = /appid="([a-p]{32})"/.exec(xml)?.[1] ?? '';
    expect(servedId).toMatch(/^[a-p]{32}$/);

    // unzip the served zip as a person would for "Load unpacked"
    const zip = Buffer.from(await (await fetch(`${base}/ext/guatu.zip`)).arrayBuffer());
    const unpacked = join(tmp, 'unpacked');
    for (const name of zipEntryNames(zip)) {
      const bytes = readZipEntry(zip, name);
      if (!bytes) continue;
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), bytes);
    }

    const served: Profile = await launchProfile('served', { extensionDir: unpacked });
    cleanups.push(() => served.dispose());
    expect(served.extensionId).toBe(servedId);

    // the options page asked for persistent storage; Chromium answers false for extensions, whose data unlimitedStorage
    // keeps from eviction instead: the page says the data is safe
    const options = await served.open('options.html');
    const persistence = await waitUntil(
      () =>
        options
          .locator('.device-panel .persistence')
          .innerText()
          .catch(() => ''),
      (text) => text !== '',
      'the options page to show whether storage is persistent',
    );
    expect(persistence).toMatch(/本机数据已设为持久保存|本扩展有“不限存储”权限/);
    expect(await options.locator('.device-panel .storage-usage').innerText()).toMatch(/^已用 \d/);
    await served.close();

    // the build itself (developers' "Load unpacked"): the id of its manifest key, wherever the folder is
    const built = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { key: string };
    const dev: Profile = await launchProfile('dev-build');
    cleanups.push(() => dev.dispose());
    expect(dev.extensionId).toBe(extensionIdOf(Buffer.from(built.key, 'base64')));
    expect(dev.extensionId).toBe('dpliocckdclfpfedponlhmadehlnldmf');
  });
});
