import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromiumPresence } from '../../../scripts/browser/chromium';

/**
 * Builds the extension once before the browser tests (about 3 s), so they never run against a stale build.
 * Nothing to build when the tests will be skipped (no Chromium outside CI).
 * NODE_ENV is production as in `npm run build`: vitest sets it to "test", which would make Vite bundle React's
 * development build (200 KB more in the popup alone).
 */
export default function setup(): void {
  if (!chromiumPresence().run) return;
  execFileSync('npx', ['wxt', 'build'], {
    cwd: resolve(import.meta.dirname, '../../..'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
