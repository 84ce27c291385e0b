// The folder boundaries of docs/architecture.md, checked on every import of every source file.
// Each top-level folder is a layer; a rule says which layers (and which packages) a folder may not import.
// Imports are read with a regular expression (static `import … from`, `export … from`, bare `import '…'` and
// dynamic `import('…')`); relative paths and the `@/` / `~/` aliases are resolved to their top-level folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SOURCE_FOLDERS = ['shared', 'client', 'components', 'entrypoints', 'server', 'scripts', 'tests'];

/** What each folder must not import: other folders (by name) and packages (by pattern). */
export const RULES = {
  shared: {
    folders: ['client', 'components', 'entrypoints', 'server', 'scripts', 'tests'],
    why: 'shared/ is the pure core: no browser data layer, no server, no pages',
  },
  client: {
    folders: ['components', 'entrypoints', 'server', 'scripts', 'tests'],
    why: 'client/ is the browser data layer and view models: it knows no components, pages or server code',
  },
  components: {
    folders: ['entrypoints', 'server', 'scripts', 'tests'],
    // Presentational only: a component gets display models and callbacks; only view-model types cross over.
    clientAllowed: /^client\/view-models\//,
    packages: /^(dexie|yjs|y-indexeddb|y-websocket|y-protocols|wxt\/browser|@wxt-dev\/storage)(\/.*)?$/,
    why: 'components/ is presentational: no documents, Dexie, sessions or sync (containers live in entrypoints/)',
  },
  entrypoints: {
    folders: ['server', 'scripts', 'tests'],
    why: 'pages compose client/ and components/, never server code',
  },
  server: {
    folders: ['client', 'components', 'entrypoints', 'scripts', 'tests'],
    why: 'the server shares only shared/ with the extension',
  },
  scripts: { folders: ['tests'], why: 'nothing imports tests' },
};

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) yield path;
  }
}

/** The repository-relative target of an import, or null for a package. */
function targetOf(root, file, spec) {
  if (spec.startsWith('@/') || spec.startsWith('~/')) return spec.slice(2);
  if (!spec.startsWith('.')) return null;
  return relative(root, resolve(dirname(file), spec))
    .split(sep)
    .join('/');
}

/** Every import that crosses a boundary, as `file imports 'spec' (why)`. */
export function boundaryProblems(root) {
  const problems = [];
  for (const folder of Object.keys(RULES)) {
    let dir;
    try {
      dir = join(root, folder);
      statSync(dir);
    } catch {
      continue;
    }
    const rule = RULES[folder];
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec) continue;
        const target = targetOf(root, file, spec);
        const where = relative(root, file);
        if (target === null) {
          if (rule.packages?.test(spec)) problems.push(`${where} imports '${spec}' (${rule.why})`);
          continue;
        }
        const top = target.split('/')[0];
        if (!SOURCE_FOLDERS.includes(top) || top === folder) continue;
        if (folder === 'components' && top === 'client' && rule.clientAllowed.test(target)) continue;
        if (top === 'client' && folder === 'components') {
          problems.push(`${where} imports '${spec}' (${rule.why})`);
          continue;
        }
        if (rule.folders.includes(top)) problems.push(`${where} imports '${spec}' (${rule.why})`);
      }
    }
  }
  return problems;
}

/**
 * No barrels: a module is imported from the file that defines it, never through a folder's index.ts re-exporting it
 * (one way per folder, and the popup bundles only what it uses).
 */
export function barrelProblems(root) {
  const problems = [];
  for (const folder of SOURCE_FOLDERS) {
    const dir = join(root, folder);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of sourceFiles(dir)) {
      if (!/(^|[/\\])index\.tsx?$/.test(file)) continue;
      if (/(?:^|\n)\s*export\s[^'"]*?from\s*['"]/.test(readFileSync(file, 'utf8'))) {
        problems.push(`${relative(root, file)} re-exports other modules (import each name from the module that defines it)`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const problem of boundaryProblems(process.cwd())) console.log(problem);
}
