import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/deps/boundaries.mjs');
let root = '';

/** The boundary problems of a temporary tree, one line each, as `npm run check:deps` lists them. */
function problems(files: Record<string, string>): string[] {
  root = mkdtempSync(join(tmpdir(), 'guatu-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const out = execFileSync(process.execPath, [SCRIPT], { cwd: root, encoding: 'utf8' }).trim();
  return out === '' ? [] : out.split('\n');
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the folder boundaries (npm run check:deps)', () => {
  it('reports a component that opens the database and a server file that imports the extension', () => {
    const found = problems({
      'client/db.ts': 'export const db = 1;',
      'client/session.ts': 'export const openSession = () => 1;',
      'components/board/list.tsx': "import { db } from '../../client/db';\nexport const List = () => db;",
      'server/rest/routes.ts': "import { openSession } from '@/client/session';\nexport const routes = [openSession];",
    });
    expect(found).toHaveLength(2);
    expect(found.find((p) => p.startsWith('components/board/list.tsx'))).toContain("'../../client/db'");
    expect(found.find((p) => p.startsWith('server/rest/routes.ts'))).toContain("'@/client/session'");
  });

  it('lets a component take display models from client/view-models/ and its own folder', () => {
    const found = problems({
      'client/view-models/board/lines.ts': 'export interface Line { title: string }',
      'components/board/row.tsx': 'export const Row = () => null;',
      'components/board/lines.tsx':
        "import type { Line } from '../../client/view-models/board/lines';\nimport { Row } from './row';\nexport const Lines = (l: Line) => [l, Row];",
    });
    expect(found).toEqual([]);
  });

  it('reports a script that imports the tests and a client module that imports a page', () => {
    const found = problems({
      'tests/e2e/support/chromium.ts': 'export const launch = 1;',
      'scripts/bench/run.ts': "import { launch } from '../../tests/e2e/support/chromium';\nexport const run = launch;",
      'entrypoints/popup/app.tsx': 'export const App = 1;',
      'client/hooks.ts': "export const load = () => import('../entrypoints/popup/app');",
    });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['client/hooks.ts', 'scripts/bench/run.ts']);
  });
});
