import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { pageMessagesPlugin } from './scripts/build/page-messages-plugin.ts';

// Node 25 and later define a global localStorage that reads as undefined without --localstorage-file, and vitest keeps
// it over happy-dom's working one (vitest-dev/vitest#8757): the page tests would see no storage. Off in the test
// workers there; Node 20 does not know the flag (22 and 24 accept it but need nothing).
const nodeMajor = Number(process.versions.node.split('.')[0]);

export default defineConfig({
  plugins: [WxtVitest(), pageMessagesPlugin()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    execArgv: nodeMajor >= 25 ? ['--no-experimental-webstorage'] : [],
  },
});
