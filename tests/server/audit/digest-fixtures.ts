/**
 * What the digest tests on SQLite (chain-digest.test.ts) and PostgreSQL (chain-digest-pg.test.ts) share: a history of
 * progress edits, and the CLI run with its output and files kept in memory.
 */
import * as Y from 'yjs';
import type { AppConfig } from '../../../server/config';
import { runCli } from '../../../server/cli/run-cli';
import type { DocumentStore } from '../../../server/storage/document-store';

/** `count` more progress edits to `doc` by `author`, each its own stored update at the time `nextAt` gives. */
export async function appendProgress(store: DocumentStore, doc: string, count: number, author: string, nextAt: () => number): Promise<void> {
  const state = await store.load(doc);
  const ydoc = new Y.Doc();
  if (state) Y.applyUpdate(ydoc, state);
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(ydoc);
    ydoc.getMap('project').set('progressNote', `${author} 第${i}次进展`);
    await store.append(doc, Y.encodeStateAsUpdate(ydoc, before), author, nextAt());
  }
}

/** Runs the CLI with `config` at the time `now` gives; files it reads and writes live in `files`. */
export async function runDigestCli(
  config: AppConfig,
  now: () => number,
  files: Map<string, string>,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, config, {
    now,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    writeFile: async (path, text) => void files.set(path, text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
