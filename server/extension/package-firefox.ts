/**
 * Packs the Firefox build (`npm run build:firefox` output, .output/firefox-mv2) into one zip the server serves for
 * Firefox installs (/ext/guatu-firefox.zip). Unlike the Chromium package nothing is signed or rewritten: Firefox
 * identifies an extension by the manifest's browser_specific_settings.gecko.id (wxt.config.ts), and permanent installs
 * on release Firefox need Mozilla's signature, which only Mozilla can add.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBuildManifest } from './package-extension';
import { zipFolder } from './zip-folder';

export interface FirefoxPackage {
  /** The fixed add-on id from the manifest (browser_specific_settings.gecko.id). */
  geckoId: string;
  version: string;
  zipPath: string;
}

export const FIREFOX_ZIP_FILE_NAME = 'guatu-firefox.zip';

/** The gecko id a Firefox build declares; null for a build without one (e.g. a Chromium build). */
export function geckoIdOf(manifest: Record<string, unknown>): string | null {
  const settings = manifest.browser_specific_settings;
  const gecko = typeof settings === 'object' && settings !== null ? (settings as { gecko?: unknown }).gecko : undefined;
  const id = typeof gecko === 'object' && gecko !== null ? (gecko as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Zips `buildDir` into `outDir`/guatu-firefox.zip; null when `buildDir` holds no Firefox build with a fixed id. The
 * file appears whole: written beside, then renamed.
 */
export async function packageFirefox(options: { buildDir: string; outDir: string }): Promise<FirefoxPackage | null> {
  const manifest = await readBuildManifest(options.buildDir);
  const geckoId = manifest ? geckoIdOf(manifest) : null;
  if (!manifest || !geckoId) return null;
  const zip = await zipFolder(options.buildDir);
  await mkdir(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, FIREFOX_ZIP_FILE_NAME);
  const beside = `${zipPath}.${randomUUID()}.tmp`;
  await writeFile(beside, zip);
  await rename(beside, zipPath);
  return { geckoId, version: String(manifest.version), zipPath };
}
