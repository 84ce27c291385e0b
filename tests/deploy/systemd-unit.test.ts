import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../server/storage/temp-dir';

// deploy/guatu.service as systemd reads it: `systemd-analyze verify` parses every directive without a running systemd.
// It exits 0 on unknown keys and unparsable values (it only warns), so "no output at all" is the pass.
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const available = analyze.status === 0;
if (!available) console.warn('SKIPPED systemd unit check: systemd-analyze is not installed (it comes with systemd)');

const UNIT = readFileSync(join(import.meta.dirname, '../../deploy/guatu.service'), 'utf8');

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** `systemd-analyze verify` of `text` saved as guatu.service: its exit status and everything it said. */
function verify(text: string): { status: number | null; said: string } {
  const tmp = makeTempDir('unit');
  cleanups.push(tmp.remove);
  // the unit names /usr/bin/node (Debian's, Kylin's and UOS's nodejs packages); elsewhere verify the same unit on this node
  const unit = existsSync('/usr/bin/node') ? text : text.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `);
  const file = join(tmp.dir, 'guatu.service');
  writeFileSync(file, unit);
  const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  return { status: run.status, said: `${run.stdout}${run.stderr}`.trim() };
}

describe.skipIf(!available)(`deploy/guatu.service (${analyze.stdout.split('\n')[0] ?? ''})`, () => {
  it('is a unit systemd reads without a single warning', () => {
    expect(verify(UNIT)).toEqual({ status: 0, said: '' });
  });

  it('would be caught with a misspelt directive or a bad value (the check is not blind)', () => {
    const broken = verify(UNIT.replace('ProtectSystem=strict', 'ProtectSytem=strict').replace('Restart=on-failure', 'Restart=sometimes'));
    expect(broken.said).toContain("Unknown key 'ProtectSytem'");
    expect(broken.said).toContain('sometimes');
  });
});
