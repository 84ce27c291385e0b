/**
 * The scenarios run the server from a chosen checkout (`--server-root`, default this one: e.g. a `git archive` of
 * main while this tree holds unfinished fixes). Whatever touches its SQLite file or writes its documents (tokens,
 * stored states, project records) is imported from that same checkout, so the fixture speaks the server's own
 * schema. The types are this checkout's; the scenarios use only long-stable functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

async function load<T>(root: string, path: string): Promise<T> {
  return (await import(pathToFileURL(join(root, path)).href)) as T;
}

export async function serverModules(root: string) {
  return {
    docNames: await load<typeof import('../../../shared/model/doc-names')>(root, 'shared/model/doc-names.ts'),
    result: await load<typeof import('../../../shared/model/result')>(root, 'shared/model/result.ts'),
    workspaceRead: await load<typeof import('../../../shared/model/workspace-read')>(root, 'shared/model/workspace-read.ts'),
    projectInit: await load<typeof import('../../../shared/model/project-init')>(root, 'shared/model/project-init.ts'),
    createAuth: await load<typeof import('../../../server/auth/create-auth')>(root, 'server/auth/create-auth.ts'),
    rights: await load<typeof import('../../../shared/rights')>(root, 'shared/rights.ts'),
    accountStore: await load<typeof import('../../../server/auth/sqlite-account-store')>(root, 'server/auth/sqlite-account-store.ts'),
    storeBundle: await load<typeof import('../../../server/bundle/store-bundle')>(root, 'server/bundle/store-bundle.ts'),
    config: await load<typeof import('../../../server/config')>(root, 'server/config.ts'),
    sqliteStore: await load<typeof import('../../../server/storage/sqlite-store')>(root, 'server/storage/sqlite-store.ts'),
  };
}

export type ServerModules = Awaited<ReturnType<typeof serverModules>>;

/** Which code the server ran: the commit, and whether server/ or shared/ had uncommitted changes. */
export function describeServerRoot(root: string): { root: string; commit: string; dirty: boolean } {
  const marker = join(root, '.bench-commit');
  if (existsSync(marker)) return { root, commit: readFileSync(marker, 'utf8').trim(), dirty: false };
  try {
    const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' }).trim() !== '';
    return { root, commit, dirty };
  } catch {
    return { root, commit: 'unknown', dirty: false };
  }
}
