/**
 * The read-only wall display (挂图作战 on the meeting-room screen): the built extension's board page served as a plain
 * web page under /wall/. The page connects back to this server with the observer token given in its URL.
 *
 * Only files under the build's chunks/ and assets/ folders are served, plus board.html: nothing else of the build
 * folder (the manifest, the background worker) and nothing outside it, whatever the path says.
 */
import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

export interface WallOptions {
  /** The built extension folder, e.g. `.output/chrome-mv3`. */
  outputDir: string;
}

/** Resolves true when it answered the request; false leaves it to the next handler. */
export type WallHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page may load its own scripts and styles and talk to this server (REST and the sync socket), nothing else. */
const PAGE_CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

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

function notFound(res: ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'not_found', message: 'Not found' } });
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** Serves the built board read-only under /wall/ (see the module comment). */
export function createWallHandler(options: WallOptions): WallHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // The raw path, not a URL-normalised one: "/wall/../x" must be refused here, not quietly become "/x".
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const search = queryAt === -1 ? '' : target.slice(queryAt);
    const ours = pathname === '/wall' || pathname.startsWith('/wall/') || pathname.startsWith('/chunks/') || pathname.startsWith('/assets/');
    if (!ours) return false;
    req.resume();
    if (pathname === '/wall') {
      res.writeHead(301, { location: `/wall/${search}` });
      res.end();
      return true;
    }
    const segments = wallFile(pathname);
    if (!segments) {
      notFound(res);
      return true;
    }
    let root: string;
    let file: string;
    let info: Stats;
    try {
      root = await realpath(options.outputDir);
      // realpath resolves symbolic links, so a link inside the build cannot point outside it.
      file = await realpath(join(root, ...segments));
      info = await stat(file);
    } catch {
      if (segments[0] === 'board.html') {
        const body = 'The board is not built yet: run `npm run build`, then reload.\n看板尚未构建：请先运行 npm run build。\n';
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
        res.end(body);
      } else {
        notFound(res);
      }
      return true;
    }
    if (!isInside(root, file) || !info.isFile()) {
      notFound(res);
      return true;
    }
    const page = segments[0] === 'board.html';
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'x-content-type-options': 'nosniff',
      // Built chunk names carry a content hash; the page itself must be fetched fresh after a rebuild.
      'cache-control': page ? 'no-cache' : 'public, max-age=31536000, immutable',
      ...(page ? { 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(file);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      stream.on('end', () => resolve());
      stream.pipe(res);
    });
    return true;
  };
}

/**
 * The server's HTTP handler with the wall display in front of it: one line where the app builds its handler,
 * `httpHandler: withWallDisplay(createHttpHandler({...}), { outputDir })`.
 */
export function withWallDisplay(next: (req: IncomingMessage, res: ServerResponse) => void, options: WallOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const wall = createWallHandler(options);
  return (req, res) => {
    wall(req, res).then(
      (handled) => {
        if (!handled) next(req, res);
      },
      () => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Internal error\n');
        } else {
          res.destroy();
        }
      },
    );
  };
}
