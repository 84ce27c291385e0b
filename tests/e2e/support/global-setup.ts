import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromiumPresence } from './chromium';

/**
 * Builds the extension once before the browser tests (about 3 s), so they never run against a stale build.
 * Nothing to build when the tests will be skipped (no Chromium outside CI).
 */
export default function setup(): void {
  if (!chromiumPresence().run) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: resolve(import.meta.dirname, '../../..'), stdio: ['ignore', 'ignore', 'inherit'] });
}
