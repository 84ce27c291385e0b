/**
 * Packs the built extension (`wxt build` output, the same folder the wall display serves) for installation from the
 * intranet: its manifest gets the signing key's public key as `key` (so the zip loaded unpacked has the same id as the
 * CRX) and `update_url` pointing at this server's updates.xml; crx3 signs the CRX3 with the key and writes the zip.
 */
/// <reference path="./crx3.d.ts" />
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import crx3 from 'crx3';
import type { SigningKey } from './extension-key';

export interface ExtensionPackage {
  id: string;
  version: string;
  name: string;
  crxPath: string;
  zipPath: string;
}

export const CRX_FILE_NAME = 'guatu.crx';
export const ZIP_FILE_NAME = 'guatu.zip';

/** The ZIP archive inside a CRX3: after the magic "Cr24", the version (3) and the header's length and bytes. */
export function zipOfCrx(crx: Buffer): Buffer {
  if (crx.subarray(0, 4).toString('latin1') !== 'Cr24' || crx.readUInt32LE(4) !== 3) throw new Error('not a CRX3 file');
  return crx.subarray(12 + crx.readUInt32LE(8));
}

/** Reads what the package needs from a manifest; null when the folder holds no usable build. */
export async function readBuildManifest(buildDir: string): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(buildDir, 'manifest.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { version?: unknown }).version === 'string'
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Packs `buildDir` into `outDir` (guatu.crx, guatu.zip) signed with `key`; null when `buildDir` holds no built
 * extension. The files appear whole: written beside, then renamed.
 */
export async function packageExtension(options: { buildDir: string; outDir: string; key: SigningKey; updateUrl: string }): Promise<ExtensionPackage | null> {
  const manifest = await readBuildManifest(options.buildDir);
  if (!manifest) return null;
  const staging = join(options.outDir, `.staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const source = join(staging, 'extension');
    await cp(options.buildDir, source, { recursive: true });
    const packed = { ...manifest, key: options.key.publicDer.toString('base64'), update_url: options.updateUrl };
    await writeFile(join(source, 'manifest.json'), `${JSON.stringify(packed, null, 2)}\n`);
    const crxPath = join(staging, CRX_FILE_NAME);
    const zipPath = join(staging, ZIP_FILE_NAME);
    const made = await crx3([join(source, 'manifest.json')], { keyPath: options.key.path, crxPath });
    if (made.appId !== options.key.id) throw new Error(`crx3 signed for ${made.appId}, expected ${options.key.id}`);
    // the zip is the CRX's archive itself (after "Cr24", the format version and the header): the same bytes, signed
    await writeFile(zipPath, zipOfCrx(await readFile(crxPath)));
    await rename(crxPath, join(options.outDir, CRX_FILE_NAME));
    await rename(zipPath, join(options.outDir, ZIP_FILE_NAME));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    id: options.key.id,
    version: String(manifest.version),
    name: typeof manifest.name === 'string' ? manifest.name : 'Guatu',
    crxPath: join(options.outDir, CRX_FILE_NAME),
    zipPath: join(options.outDir, ZIP_FILE_NAME),
  };
}
