/**
 * `node --import tsx scripts/bench/extension/size-only.ts [title]`: only the popup's JavaScript size (the last three
 * lines of `npm run bench:extension`), without Chromium or the city server. Builds the extension (production) and
 * prints the per-part and per-chunk gzip -9 sizes as markdown (the popup-size.ts accounting: one language before the
 * first paint, the other on demand).
 */
import { execFileSync } from 'node:child_process';
import { BUILT_DIR, ROOT } from './bench-extension-dir';
import { measurePopupSize, sumBytes, sumGzip, type ChunkSize } from './popup-size';

const kb = (n: number): string => `${(n / 1000).toFixed(1)} KB`;
const title = process.argv[2] ?? 'popup JavaScript';

execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
const size = measurePopupSize(BUILT_DIR);
const line = (name: string, chunks: readonly ChunkSize[]): string =>
  `| ${name} | ${kb(sumBytes(chunks))} | **${kb(sumGzip(chunks))}** | ${chunks.map((c) => `${c.file.replace(/^chunks\//, '')} ${(c.gzip / 1000).toFixed(1)}`).join(', ')} |`;
const first = sumGzip(size.firstPaint);
const open = first + sumGzip(size.afterPaint);
const all = open + sumGzip(size.onDemand);
process.stdout.write(
  [
    `### ${title}`,
    '',
    `before first paint ${kb(first)}; every opening ${kb(open)}; all reachable ${kb(all)} (gzip -9, KB = 1000 bytes)`,
    '',
    '| part | raw | gzip | chunks (KB gzip) |',
    '|---|---|---|---|',
    line('before first paint', size.firstPaint),
    line('right after first paint (live documents)', size.afterPaint),
    line('on demand (forms, the other language)', size.onDemand),
    '',
  ].join('\n'),
);
