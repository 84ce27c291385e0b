import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32, zipFolder } from '../../../server/extension/zip-folder';
import { makeTempDir } from '../storage/temp-dir';
import { readZipEntry, zipEntryNames } from './crx-file';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const hasUnzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;

describe('zipFolder (the Firefox package)', () => {
  it('computes the same CRC-32 as zlib', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)),
      { seed: 20261205, numRuns: 200 },
    );
  });

  it('archives every file under the folder, nested and with Chinese names, and reads back byte for byte', async () => {
    const tmp = makeTempDir('zip-folder');
    cleanups.push(tmp.remove);
    const dir = join(tmp.dir, 'build');
    mkdirSync(join(dir, 'chunks', '深层'), { recursive: true });
    const big = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
    writeFileSync(join(dir, 'manifest.json'), '{"manifest_version":2}');
    writeFileSync(join(dir, 'chunks', '深层', '看板.js'), 'export const 看板 = "挂图作战";\n');
    writeFileSync(join(dir, 'chunks', 'big.bin'), big);
    writeFileSync(join(dir, 'empty.txt'), '');

    const zip = await zipFolder(dir);
    expect(zipEntryNames(zip)).toEqual(['chunks/big.bin', 'chunks/深层/看板.js', 'empty.txt', 'manifest.json']);
    expect(readZipEntry(zip, 'chunks/big.bin')?.equals(big)).toBe(true);
    expect(readZipEntry(zip, 'chunks/深层/看板.js')?.toString('utf8')).toBe('export const 看板 = "挂图作战";\n');
    expect(readZipEntry(zip, 'empty.txt')?.length).toBe(0);
    // the same folder gives the same bytes (no timestamps that differ between packings)
    expect((await zipFolder(dir)).equals(zip)).toBe(true);

    if (!hasUnzip) {
      console.warn('[zip-folder] `unzip` not installed: the archive was read back by the test reader only, not checked by Info-ZIP');
      return;
    }
    // Info-ZIP's own check of every entry's CRC and sizes
    const zipFile = join(tmp.dir, 'guatu-firefox.zip');
    writeFileSync(zipFile, zip);
    const tested = spawnSync('unzip', ['-t', zipFile], { encoding: 'utf8' });
    expect(tested.status, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toContain('No errors detected');
  });
});
