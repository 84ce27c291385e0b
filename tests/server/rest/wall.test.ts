import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestEnv } from '../../../server/rest/respond';
import { wallFile, wallRoutes } from '../../../server/rest/wall';
import { closeServed, serveHttp } from './serve-http';

const BOARD_HTML = '<!doctype html><html><head><script type="module" src="/chunks/board-abc123.js"></script></head><body><div id="root"></div></body></html>';

let dir: string;
let base: string;

/** The wall routes with a next handler behind them that answers 418 to whatever they pass on. */
function wallApp(outputDir: string): Hono<RestEnv> {
  return new Hono<RestEnv>().route('/', wallRoutes({ outputDir })).all('*', (c) => c.text('next handler', 418));
}

/** A raw request: Node sends the path exactly as given (no dot-segment clean-up), as an attacker's client would. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guatu-wall-'));
  const build = join(dir, 'chrome-mv3');
  await mkdir(join(build, 'chunks'), { recursive: true });
  await mkdir(join(build, 'assets'), { recursive: true });
  await writeFile(join(build, 'board.html'), BOARD_HTML);
  await writeFile(join(build, 'chunks', 'board-abc123.js'), 'console.log("board")');
  await writeFile(join(build, 'assets', 'board-x.css'), 'body{margin:0}');
  await writeFile(join(build, 'manifest.json'), '{"name":"guatu"}');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  await symlink(join(dir, 'secret.txt'), join(build, 'chunks', 'escape.js'));

  base = await serveHttp(wallApp(build));
});

afterAll(async () => {
  await closeServed();
  await rm(dir, { recursive: true, force: true });
});

describe('wall display handler', () => {
  it('serves the board page at /wall/ with its observer query, fresh, under a strict CSP', async () => {
    const page = await get('/wall/?ws=ws1&token=abc');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(BOARD_HTML);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/wall/board.html')).body).toBe(BOARD_HTML);
  });

  it('redirects /wall to /wall/ keeping the query', async () => {
    const moved = await get('/wall?ws=ws1&token=abc');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/wall/?ws=ws1&token=abc');
  });

  it('serves chunks and assets by their absolute and their /wall/ paths, with content types', async () => {
    for (const path of ['/chunks/board-abc123.js', '/wall/chunks/board-abc123.js']) {
      const js = await get(path);
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.headers['x-content-type-options']).toBe('nosniff');
      expect(js.body).toBe('console.log("board")');
    }
    const css = await get('/assets/board-x.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/chunks/board-abc123.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("board")'.length));
    expect(head.body).toBe('');
  });

  it('refuses path traversal, encoded separators, symbolic links out and the rest of the build', async () => {
    for (const path of [
      '/wall/../secret.txt',
      '/chunks/../../secret.txt',
      '/chunks/%2e%2e/%2e%2e/secret.txt',
      '/chunks/..%2F..%2Fsecret.txt',
      '/chunks/..%2f..%2fsecret.txt',
      '/wall/..%2f..%2fsecret.txt',
      '/wall/chunks/../../secret.txt',
      '/wall/x/../board.html',
      '/chunks//board-abc123.js',
      '/chunks/..%5C..%5Csecret.txt',
      '/chunks/board-abc123.js%00.css',
      '/chunks/escape.js',
      '/wall/manifest.json',
      '/wall/chunks/',
      '/chunks/missing.js',
      '/chunks/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('leaves other paths and methods to the next handler', async () => {
    expect((await get('/api/health')).status).toBe(418);
    expect((await get('/wallpaper')).status).toBe(418);
    expect((await get('/wall/', 'POST')).status).toBe(418);
  });

  it('says the board is not built when the build folder is missing', async () => {
    const saved = base;
    base = await serveHttp(wallApp(join(dir, 'nowhere')));
    try {
      const page = await get('/wall/');
      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build');
      expect((await get('/chunks/board-abc123.js')).status).toBe(404);
    } finally {
      base = saved;
    }
  });

  it("sits in front of the app's routes, passing on what it does not serve", async () => {
    const saved = base;
    base = await serveHttp(new Hono<RestEnv>().route('/', wallRoutes({ outputDir: join(dir, 'chrome-mv3') })).get('/health', (c) => c.json({ ok: true })));
    try {
      expect((await get('/health')).body).toBe('{"ok":true}');
      expect((await get('/wall/')).body).toBe(BOARD_HTML);
      expect((await get('/chunks/../secret.txt')).status).toBe(404);
    } finally {
      base = saved;
    }
  });

  it('maps URL paths to build files', () => {
    expect(wallFile('/wall/')).toEqual(['board.html']);
    expect(wallFile('/wall/index.html')).toEqual(['board.html']);
    expect(wallFile('/wall/assets/a.css')).toEqual(['assets', 'a.css']);
    expect(wallFile('/chunks/a/b.js')).toEqual(['chunks', 'a', 'b.js']);
    expect(wallFile('/background.js')).toBeNull();
    expect(wallFile('/wall/popup.html')).toBeNull();
  });
});
