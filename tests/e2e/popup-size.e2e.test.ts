import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresence, EXTENSION_DIR } from '../../scripts/browser/chromium';
import { measurePopupSize, sumGzip, type ChunkSize } from '../../scripts/bench/extension/popup-size';

/**
 * Issue #8's budget: what the popup downloads on every opening — before its first paint (React, the checklist, the
 * stored rows' checks, one language's messages) and right after it (Yjs, the model's reads, the providers) — stays at
 * or under 150 KB gzip -9 (KB = 1000 bytes). Bytes of a production build, the same accounting as
 * `node --import tsx scripts/bench/extension/size-only.ts`: deterministic, unlike any timing.
 */
const EVERY_OPENING_BUDGET = 150_000;

const listed = (chunks: readonly ChunkSize[]): string => chunks.map((c) => `${c.file} ${c.gzip}`).join(', ');

beforeAll(() => {
  // global-setup.ts has built it where Chromium is; this test needs no browser, so elsewhere it builds it itself
  if (chromiumPresence().run) return;
  execFileSync('npx', ['wxt', 'build'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 240_000);

describe("the popup's JavaScript", () => {
  it('stays within 150 KB gzip on every opening, with one language of messages', () => {
    const size = measurePopupSize(EXTENSION_DIR);
    const languages = [...size.firstPaint, ...size.onDemand].filter((c) => /page-messages-/.test(c.file));
    // both languages are built, and exactly one of them is counted before the first paint
    expect(languages.map((c) => c.file.replace(/-[\w-]{8}\.js$/, '')).sort()).toEqual(['chunks/_page-messages-en', 'chunks/_page-messages-zh-CN']);
    expect(size.firstPaint.filter((c) => /page-messages-/.test(c.file))).toHaveLength(1);
    const everyOpening = sumGzip(size.firstPaint) + sumGzip(size.afterPaint);
    expect(
      everyOpening,
      `every opening ${everyOpening} bytes gzip; first paint: ${listed(size.firstPaint)}; after it: ${listed(size.afterPaint)}`,
    ).toBeLessThanOrEqual(EVERY_OPENING_BUDGET);
  });
});
