/**
 * The popup's JavaScript as the browser fetches it: which chunks popup.html loads before the first paint (its script,
 * its modulepreloads and their static imports, and the messages of the language it shows: the larger of the
 * `page-messages-<locale>` chunks), which load right after it (the live documents: `import()` of live-workspace), and
 * which only when a form opens or the language changes; each gzipped at level 9 (`gzip -9`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface PopupSize {
  /** Loaded before the checklist can paint (with one language's messages: the larger one). */
  firstPaint: ChunkSize[];
  /** Loaded right after the first paint on every opening (Yjs, the model, providers). */
  afterPaint: ChunkSize[];
  /** Loaded only when a two-click form opens (or the other language's messages, when the language changes). */
  onDemand: ChunkSize[];
}

/** The chunks of one language's page messages (scripts/build/page-messages-plugin.ts names them). */
const LANGUAGE_CHUNK = /(^|\/)_?page-messages-[a-zA-Z-]+-[\w-]+\.js$/;

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '').filter((s) => s !== '');
}

export function gzipSize(dir: string, file: string): ChunkSize {
  const bytes = readFileSync(join(dir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** `chunks/x.js` files named by an HTML page (module script and modulepreload links). */
export function htmlScripts(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '').filter(Boolean);
}

/** Every chunk reachable from `roots` by static imports (paths relative to the extension root). */
function staticClosure(dir: string, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const imported of matches(readFileSync(join(dir, file), 'utf8'), STATIC_IMPORT)) queue.push(folder + imported);
  }
  return seen;
}

function dynamicTargets(dir: string, files: Iterable<string>): string[] {
  const out: string[] = [];
  for (const file of files) {
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const imported of matches(readFileSync(join(dir, file), 'utf8'), DYNAMIC_IMPORT)) out.push(folder + imported);
  }
  return out;
}

export function measurePopupSize(extensionDir: string): PopupSize {
  const html = readFileSync(join(extensionDir, 'popup.html'), 'utf8');
  const first = staticClosure(extensionDir, htmlScripts(html));
  // main.tsx loads the stored language's messages before the first render: count the larger language there.
  const languages = dynamicTargets(extensionDir, first)
    .filter((f) => LANGUAGE_CHUNK.test(f))
    .map((f) => gzipSize(extensionDir, f))
    .sort((a, b) => b.gzip - a.gzip);
  if (languages[0]) for (const f of staticClosure(extensionDir, [languages[0].file])) first.add(f);
  const lazy = dynamicTargets(extensionDir, first);
  const live = staticClosure(
    extensionDir,
    lazy.filter((f) => /live-workspace/.test(f)),
  );
  const forms = staticClosure(
    extensionDir,
    lazy.filter((f) => !/live-workspace/.test(f)),
  );
  // Dynamic imports inside the live part (none today) count as on demand.
  for (const f of dynamicTargets(extensionDir, live)) for (const g of staticClosure(extensionDir, [f])) forms.add(g);
  const minus = (a: Set<string>, ...b: Set<string>[]): string[] => [...a].filter((f) => !b.some((s) => s.has(f))).sort();
  return {
    firstPaint: [...first].sort().map((f) => gzipSize(extensionDir, f)),
    afterPaint: minus(live, first).map((f) => gzipSize(extensionDir, f)),
    onDemand: minus(forms, first, live).map((f) => gzipSize(extensionDir, f)),
  };
}

export const sumGzip = (chunks: readonly ChunkSize[]): number => chunks.reduce((s, c) => s + c.gzip, 0);
export const sumBytes = (chunks: readonly ChunkSize[]): number => chunks.reduce((s, c) => s + c.bytes, 0);
