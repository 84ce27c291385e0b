import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createMetrics } from '../../../server/metrics';
import { createHttpApp, type HttpAppOptions } from '../../../server/rest/http-app';
import { MemoryStore } from '../sync/memory-store';
import { world } from '../auth/fixtures';
import { closeServed, serveHttp } from './serve-http';

afterEach(closeServed);

/** The whole HTTP side over an in-memory store, with the log lines it writes kept. */
async function serve(app: Partial<HttpAppOptions['app']> = {}): Promise<{ base: string; logged: string[] }> {
  const w = await world();
  const logged: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
  const store = new MemoryStore();
  const base = await serveHttp(
    createHttpApp({
      logger,
      auth: { invites: w.auth.invites, tokens: w.auth.tokens },
      app: {
        tokens: w.auth.tokens,
        documents: { getDocument: () => Promise.reject(new Error('no documents here')) },
        store,
        metrics: createMetrics(),
        stats: () => ({ documentsLoaded: 0, connections: 0 }) as never,
        lookupMember: async () => null,
        startedAt: 0,
        now: () => 0,
        ...app,
      },
      wall: { outputDir: '/nonexistent/guatu-build' },
    }),
  );
  return { base, logged };
}

describe('the HTTP side as a whole', () => {
  it('answers a handler that throws with a JSON 500, logs it, and keeps serving', async () => {
    let broken = true;
    const { base, logged } = await serve({
      stats: () => {
        if (broken) throw new Error('stats exploded');
        return { documentsLoaded: 0, connections: 0 } as never;
      },
    });
    const failed = await fetch(`${base}/health`, { headers: { 'accept-language': 'en' } });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { code: 'internal', message: 'Internal server error; try again later' } });
    expect(logged.join('')).toContain('stats exploded');
    broken = false;
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('tells liveness from readiness: /health/ready answers 503 while shutting down or when storage fails, /health stays up', async () => {
    let accepting = true;
    let storageBroken = false;
    const store = new MemoryStore();
    const probe = store.pendingSinceSnapshot.bind(store);
    store.pendingSinceSnapshot = (name: string) => (storageBroken ? Promise.reject(new Error('disk gone')) : probe(name));
    const { base } = await serve({ store, ready: () => accepting });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, storage: { ok: true, migrated: true } });

    accepting = false;
    const draining = await fetch(`${base}/health/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ ready: false, reason: 'shutting-down' });
    expect((await fetch(`${base}/health`)).status).toBe(200);

    accepting = true;
    storageBroken = true;
    const broken = await fetch(`${base}/health/ready`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ ready: false, storage: { ok: false } });
  });

  it('answers a known path asked with another method 405 with Allow, and an unknown path a JSON 404', async () => {
    const { base } = await serve();
    const wrong = await fetch(`${base}/api/workspaces/ws1/targets`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toEqual({ error: { code: 'method_not_allowed', message: '该接口不支持此请求方式' } });
    const unknown = await fetch(`${base}/api/nothing`, { method: 'POST', headers: { 'accept-language': 'en' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint' } });
  });

  it('answers a preflight from any origin for the REST methods and headers, for ten minutes', async () => {
    const { base } = await serve();
    const preflight = await fetch(`${base}/api/workspaces/ws1/projects/p1/history`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST,DELETE,OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type,accept-language');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
  });

  it('asks for the token before it looks at the query: 401 without one, whatever the page says', async () => {
    const { base } = await serve();
    const noToken = await fetch(`${base}/api/workspaces/ws1/projects/p1/history?limit=abc`);
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('token.missing');
  });
});
