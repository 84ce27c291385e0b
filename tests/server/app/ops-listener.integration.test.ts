import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../storage/temp-dir';
import { startApp, type Running } from './fixtures';

let running: Running;
let opsUrl: string;
let removeDir: () => void;

beforeAll(async () => {
  const tmp = makeTempDir('ops');
  removeDir = tmp.remove;
  running = await startApp(tmp.dir, { demo: false, ops: { port: 0, host: '127.0.0.1' } });
  const port = running.app.opsPort;
  if (port === null) throw new Error('no ops port');
  opsUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await running.app.close();
  removeDir();
});

describe('the operations listener (OPS_PORT)', () => {
  it('answers /health and /metrics on its own port, as the main port does', async () => {
    const health = await fetch(`${opsUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, storage: { ok: true }, connections: 0 });
    const metrics = await fetch(`${opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('guatu_sync_event_loop_delay_seconds');
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });

  it('serves nothing else: no API, no join, no wall display, no cross-origin headers', async () => {
    for (const path of ['/api/workspaces/anping-2026/targets', '/wall/', '/api/join']) {
      const res = await fetch(`${opsUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await res.body?.cancel();
    }
    const posted = await fetch(`${opsUrl}/health`, { method: 'POST' });
    expect(posted.status).toBe(405);
    await posted.body?.cancel();
  });

  it('closes with the app', async () => {
    const tmp = makeTempDir('ops-close');
    const other = await startApp(tmp.dir, { demo: false, ops: { port: 0, host: '127.0.0.1' } });
    const url = `http://127.0.0.1:${other.app.opsPort}`;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await other.app.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    tmp.remove();
  });
});
