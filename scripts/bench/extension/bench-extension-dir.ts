/**
 * The extension the benchmark loads: a copy of the production build (`wxt build`) plus two pages of its own — the
 * popup's floor (floor-<role>.html: the same checklist components over inline JSON) and the board's peer
 * (peer/peer.html: the whole city as one Yjs document) — so all of them run in the same browser, from the same origin.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { pageMessagesPlugin } from '../../build/page-messages-plugin';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUILT_DIR = join(ROOT, '.output/chrome-mv3');
export const BENCH_DIR = join(ROOT, '.output/bench-chrome-mv3');

/**
 * Builds one of this folder's pages (floor.html, peer.html) the way WXT builds the extension's pages — Vite with
 * rolldown, minified, React's production build — into `<BENCH_DIR>/<name>/`; returns its module script's path.
 */
async function buildPage(name: 'floor' | 'peer'): Promise<string> {
  const outDir = join(BENCH_DIR, name);
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [pageMessagesPlugin()],
    root: import.meta.dirname,
    base: `/${name}/`,
    define: { 'process.env.NODE_ENV': '"production"' },
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: { input: join(import.meta.dirname, `${name}.html`), output: { codeSplitting: false } },
    },
  });
  const html = readFileSync(join(outDir, `${name}.html`), 'utf8');
  const src = /<script[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${name}.html was built without its script`);
  return src;
}

let floorScript = '';

/** The stylesheet popup.html links (so the floor lays out exactly the same page). */
function popupStylesheet(): string {
  const html = readFileSync(join(BUILT_DIR, 'popup.html'), 'utf8');
  const href = /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error('popup.html links no stylesheet');
  return href;
}

export async function prepareBenchExtension(cityUpdate: Uint8Array): Promise<string> {
  if (!existsSync(join(BUILT_DIR, 'manifest.json'))) throw new Error(`no build at ${BUILT_DIR}`);
  rmSync(BENCH_DIR, { recursive: true, force: true });
  mkdirSync(BENCH_DIR, { recursive: true });
  cpSync(BUILT_DIR, BENCH_DIR, { recursive: true });
  floorScript = await buildPage('floor');
  await buildPage('peer');
  writeFileSync(join(BENCH_DIR, 'city-single.bin'), cityUpdate);
  return BENCH_DIR;
}

/** The floor page for one person, with their checklist inlined (written before the browser that measures starts). */
export function writeFloorPage(name: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const file = `floor-${name}.html`;
  writeFileSync(
    join(BENCH_DIR, file),
    `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>floor</title>` +
      `<script type="module" src="${floorScript}"></script><link rel="stylesheet" href="${popupStylesheet()}"></head>` +
      `<body><div id="root"></div><script type="application/json" id="floor-data">${json}</script></body></html>\n`,
  );
  return file;
}
