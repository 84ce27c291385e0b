#!/usr/bin/env node
// Guards the invariants CI must never lose:
// 1. exactly one copy of Yjs is installed (two copies break instanceof checks: "Yjs was already imported");
// 2. shared/ imports nothing but zod, yjs, lib0 and its own files;
// 3. the model and the schemas take no value from the message catalogue's barrel (it holds every table: the popup
//    would bundle them all); they import the one table they speak from;
// 4. no import cycles anywhere in the tree (type-only imports included);
// 5. library internals (Yjs's `doc.store.pendingStructs`, a type's `_item`/`_map`/`_length`, y-websocket's
//    `messageHandlers`) stay out of shared/, components/, entrypoints/ and server/ outside server/sync/: an upgrade can
//    change them without notice, so their few uses live in the sync server and the client's provider code;
// 6. the folder boundaries of docs/architecture.md (scripts/deps/boundaries.mjs): components/ take no data layer,
//    client/ no components or pages, server/ nothing of the extension, nothing imports entrypoints/ or tests/.
//    No barrels: an index.ts that re-exports other modules is refused; each name is imported from its module.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { barrelProblems, boundaryProblems } from './deps/boundaries.mjs';
import { importCycles } from './import-cycles.mjs';

const problems = [];

const tree = JSON.parse(execFileSync('npm', ['ls', 'yjs', '--all', '--json'], { encoding: 'utf8' }));
const versions = new Set();
(function walk(node) {
  for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
    if (name === 'yjs' && dep.version) versions.add(dep.version);
    walk(dep);
  }
})(tree);
if (versions.size !== 1) problems.push(`expected exactly one yjs version, found: ${[...versions].join(', ') || 'none'}`);

const allowed = /^(zod|yjs|lib0)(\/.*)?$/;
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
for (const file of files('shared')) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || spec.startsWith('.')) continue;
    if (!allowed.test(spec)) problems.push(`${relative('.', file)} imports '${spec}' (shared/ may import only zod, yjs, lib0 and its own files)`);
  }
}

const catalogueValue = /(?:^|\n)\s*import\s+(?!type\s)[^'";]*?from\s*['"]\.\.\/i18n(?:\/index)?['"]/;
for (const dir of ['shared/model', 'shared/schema']) {
  for (const file of files(dir)) {
    if (catalogueValue.test(readFileSync(file, 'utf8'))) {
      problems.push(`${relative('.', file)} imports a value from the i18n barrel (import the table it needs, e.g. ../i18n/labels, with ../i18n/translate)`);
    }
  }
}

for (const cycle of importCycles(process.cwd())) problems.push(`import cycle: ${cycle.join(' ↔ ')}`);

const internals = /\.store\.pending(?:Structs|Ds)\b|\._(?:item|map|length|start)\b|\.messageHandlers\b/;
for (const dir of ['shared', 'server', 'components', 'entrypoints']) {
  for (const file of files(dir)) {
    if (file.startsWith(join('server', 'sync'))) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (internals.test(line))
        problems.push(
          `${relative('.', file)}:${i + 1} touches a library internal (keep those in server/sync/ or client/, behind one function with a test that pins them)`,
        );
    });
  }
}

problems.push(...boundaryProblems(process.cwd()));
problems.push(...barrelProblems(process.cwd()));

if (problems.length) {
  console.error(`check-deps failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `check-deps: one yjs (${[...versions][0]}); shared/ imports only zod, yjs, lib0 and its own files; the model takes no value from the i18n barrel; no import cycles; no library internals outside server/sync/ and client/; folder boundaries hold; no barrels`,
);
