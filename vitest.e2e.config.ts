import { defineConfig } from 'vitest/config';

/**
 * The end-to-end tests: the built extension in Debian's Chromium against a real server (tests/e2e). Run after the
 * unit tests by `npm test`; the global setup builds the extension first. Files run one after another: each launches
 * browsers, and two CPUs are shared by all of them.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
