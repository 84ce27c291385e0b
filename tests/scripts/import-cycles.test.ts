import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/import-cycles.mjs');
let root = '';

function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'guatu-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return execFileSync(process.execPath, [SCRIPT], { cwd: root, encoding: 'utf8' }).trim();
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the import-cycle check (npm run check:deps)', () => {
  it('names every module of a cycle, through relative, index and @/ imports, types included', () => {
    const found = tree({
      'calc/list.ts': "import { order } from './order';\nexport const list = [order];",
      'calc/order.ts': "import type { Item } from './list';\nexport const order = 1;",
      'model/index.ts': "export * from './read';",
      'model/read.ts': "import { x } from '@/model';\nexport const y = x;",
    });
    expect(found.split('\n').sort()).toEqual(['calc/list.ts ↔ calc/order.ts', 'model/index.ts ↔ model/read.ts']);
  });

  it('stays quiet on a tree without cycles, packages and node_modules aside', () => {
    const found = tree({
      'a.ts': "import { z } from 'zod';\nimport { b } from './b';\nexport const a = b;",
      'b.ts': 'export const b = 1;',
      'node_modules/x/index.ts': "import './index';",
    });
    expect(found).toBe('');
  });
});
