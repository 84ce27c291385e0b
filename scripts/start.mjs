#!/usr/bin/env node
// `npm start`: build the extension, then run the sync server with a demo workspace (when the server is present).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const out = resolve('.output/chrome-mv3');
console.log(`\n挂图作战 extension built: ${out}`);
console.log('Load it in Chromium: chrome://extensions → Developer mode → Load unpacked → choose that folder.\n');

if (existsSync('server/main.ts')) {
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  const stop = (signal) => server.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
