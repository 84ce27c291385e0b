/**
 * The read-only wall display (挂图作战 on the meeting-room screen): the built extension's board page served as a plain
 * web page under /wall/. The page connects back to this server with the observer token given in its URL.
 *
 * Only files under the build's chunks/ and assets/ folders are served, plus board.html: nothing else of the build
 * folder (the manifest, the background worker) and nothing outside it, whatever the path says.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { sendError, type RestEnv } from './respond';

export interface WallOptions {
  /** The built extension folder, e.g. `.output/chrome-mv3`. */
  outputDir: string;
}

/** The page may load its own scripts and styles and talk to this server (REST and the sync socket), nothing else. */
const PAGE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

const SERVED_FOLDERS = new Set(['chunks', 'assets']);

/**
 * The file a URL path names inside the build, as path segments, or null when it names nothing we serve:
 * `/wall/` and `/wall/board.html` → board.html; `/wall/chunks/…`, `/chunks/…`, `/wall/assets/…`, `/assets/…` → that
 * file (the built page refers to its chunks by absolute paths, so both forms are served).
 */
export function wallFile(pathname: string): string[] | null {
  const raw = pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    // Encoded separators, dot segments and NULs are never part of a file we built.
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  const path = segments[0] === 'wall' ? segments.slice(1) : segments;
  if (segments[0] === 'wall' && (path.length === 0 || (path.length === 1 && (path[0] === '' || path[0] === 'index.html' || path[0] === 'board.html')))) {
    return ['board.html'];
  }
  if (path.length < 2 || !SERVED_FOLDERS.has(path[0] ?? '') || path.some((s) => s === '')) return null;
  return path;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

export type WallEnv = RestEnv & { Variables: { wallFile: string } };

/** The path as the client sent it, not a URL-normalised one: "/wall/../x" must be refused, not quietly become "/x". */
function rawTarget(c: Context<WallEnv>): { pathname: string; search: string } {
  const url = new URL(c.req.url);
  const target = c.env?.incoming?.url ?? url.pathname + url.search;
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? { pathname: target, search: '' } : { pathname: target.slice(0, queryAt), search: target.slice(queryAt) };
}

function isWallPath(pathname: string): boolean {
  return pathname === '/wall' || pathname.startsWith('/wall/') || pathname.startsWith('/chunks/') || pathname.startsWith('/assets/');
}

const notFound = (c: Context): Response => sendError(c, 404, 'not_found', 'rest.notFound');

/** The real path of the build file `segments` name; 'missing' when there is none, null when it resolves outside the build or to a folder. */
async function buildFile(outputDir: string, segments: string[]): Promise<string | 'missing' | null> {
  try {
    const root = await realpath(outputDir);
    // realpath resolves symbolic links, so a link inside the build cannot point outside it.
    const file = await realpath(join(root, ...segments));
    return isInside(root, file) && (await stat(file)).isFile() ? file : null;
  } catch {
    return 'missing';
  }
}

/**
 * Serves the built board read-only under /wall/ (see the module comment). It claims requests by their raw path;
 * other paths and methods pass on to the next handler.
 */
export function wallRoutes(options: WallOptions): Hono<WallEnv> {
  // root '' and an absolute path: the file this module resolved, never one the URL names
  const serve = serveStatic<WallEnv>({ root: '', rewriteRequestPath: (_path, c) => c.var.wallFile });

  return new Hono<WallEnv>().get('*', async (c, next) => {
    const { pathname, search } = rawTarget(c);
    if (!isWallPath(pathname)) return next();
    if (pathname === '/wall') return c.redirect(`/wall/${search}`, 301);
    const segments = wallFile(pathname);
    if (!segments) return notFound(c);
    const page = segments[0] === 'board.html';
    const file = await buildFile(options.outputDir, segments);
    if (file === 'missing' && page)
      return c.text('The board is not built yet: run `npm run build`, then reload.\n看板尚未构建：请先运行 npm run build。\n', 503);
    if (file === 'missing' || file === null) return notFound(c);
    c.header('x-content-type-options', 'nosniff');
    // Built chunk names carry a content hash; the page itself must be fetched fresh after a rebuild.
    c.header('cache-control', page ? 'no-cache' : 'public, max-age=31536000, immutable');
    if (page) {
      c.header('content-security-policy', PAGE_CSP);
      c.header('referrer-policy', 'no-referrer');
    }
    c.set('wallFile', file);
    // the static server passes on (answers nothing) when the file went away since it was resolved
    return (await serve(c, async () => {})) ?? notFound(c);
  });
}
