import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renderComposeNginx, renderOfficeNginx } from '../../scripts/deploy/nginx-config';
import { defaultLimits } from '../../server/sync/config';
import { projectDocName } from '../../shared/model/doc-names';
import { addMilestone } from '../../shared/model/project-milestones';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';
import { ProjectIdSchema } from '../../shared/schema/common';
import { createApp, type App } from '../../server/app';
import { createSilentLogger } from '../../server/log';
import { startApp, testConfig as appConfig, waitFor } from '../server/app/fixtures';
import { freePort } from '../server/app/server-process';
import { makeTempDir } from '../server/storage/temp-dir';
import { findNginx, startNginx, testNginxConfig, type RunningNginx } from './nginx-process';

// The deploy/ nginx files in front of a real server, through nginx itself: `nginx -t`, TLS, the health checks, the
// served extension, WebSocket sync with a large frame, and a quiet socket outliving the proxy timeout.
const nginx = findNginx();
if (nginx.binary === null && process.env.CI !== '1') {
  console.warn(`SKIPPED nginx drill: ${nginx.problem}. Install it to run this suite; under CI=1 it fails instead.`);
}

describe.runIf(nginx.binary === null && process.env.CI === '1')('nginx drill (CI=1)', () => {
  it('needs nginx', () => {
    throw new Error(`${nginx.problem}; CI=1 requires it (.ci/run installs it)`);
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over HTTP or HTTPS (trusting `ca`), following no redirect. */
function call(url: string, options: { ca?: Buffer; method?: string; body?: string } = {}): Promise<Answer> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((done, fail) => {
    const req = send(url, { method: options.method ?? 'GET', ca: options.ca, headers: options.body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
}

/** The stock y-websocket client, as the extension uses it, over wss:// trusting the drill's certificate. */
function connect(wsUrl: string, room: string, token: string, ca: Buffer | null): Client {
  class TrustingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, ca ? { ca } : {});
    }
  }
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { doc, provider, closes };
}

const titles = (doc: Y.Doc, prefix: string): string[] =>
  validValues(readProjectDoc(doc).milestones)
    .map((m) => m.title)
    .filter((title) => title.startsWith(prefix));

/** A throwaway self-signed certificate for localhost and 127.0.0.1 (openssl, as an office would make a test one). */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'guatu.crt');
  const key = join(dir, 'guatu.key');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr || made.error?.message}`);
  return { cert, key };
}

/** A built extension as `wxt build` leaves it, for /ext/. */
function fakeBuild(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: '挂图作战 Guatu', version: '3.1.4' }));
  writeFileSync(join(dir, 'background.js'), 'console.log("guatu");\n');
}

/** Seconds of a `proxy_read_timeout …s;` line in a config. */
function readTimeoutSeconds(conf: string): number {
  const seconds = /proxy_read_timeout (\d+)s;/.exec(conf)?.[1];
  if (!seconds) throw new Error('no proxy_read_timeout in seconds');
  return Number(seconds);
}

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(nginx.binary === null)(`deploy/nginx-office.conf in front of the server (nginx ${nginx.version})`, () => {
  // the proxy timeout the drill renders in place of the file's 120 s, and the server's keep-alive under it
  const DRILL_TIMEOUT_S = 4;
  const DRILL_KEEPALIVE_MS = 500;
  let app: App;
  let proxy: RunningNginx;
  let ca: Buffer;
  let https: string;
  let http: string;
  let site: string;

  beforeAll(async () => {
    const nginxDir = makeTempDir('nginx-office');
    const dataDir = makeTempDir('nginx-office-data');
    cleanups.push(nginxDir.remove, dataDir.remove);
    const { cert, key } = selfSignedCertificate(nginxDir.dir);
    ca = readFileSync(cert);
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    https = `https://localhost:${httpsPort}`;
    http = `http://127.0.0.1:${httpPort}`;
    fakeBuild(join(dataDir.dir, 'build'));
    app = await createApp(
      appConfig(join(dataDir.dir, 'data'), { demoScale: 'county', wallDir: join(dataDir.dir, 'build'), publicUrl: https, trustProxy: ['127.0.0.1'] }),
      { logger: createSilentLogger(), limits: { keepAliveIntervalMs: DRILL_KEEPALIVE_MS } },
    );
    cleanups.push(() => app.close());
    // where the server listens (its `url` is PUBLIC_URL, the address in front of nginx)
    const { port: appPort } = await app.listen();
    site = renderOfficeNginx({
      httpListen: `127.0.0.1:${httpPort}`,
      httpsListen: `127.0.0.1:${httpsPort}`,
      serverName: 'localhost',
      certificate: cert,
      certificateKey: key,
      upstream: `127.0.0.1:${appPort}`,
      proxyTimeout: `${DRILL_TIMEOUT_S}s`,
    });
    const checked = testNginxConfig(nginx.binary ?? 'nginx', nginxDir.dir, site);
    expect(checked.ok, checked.output).toBe(true);
    proxy = await startNginx(nginx.binary ?? 'nginx', nginxDir.dir, site, httpsPort);
    cleanups.push(() => proxy.stop());
  }, 120_000);

  it('keeps quiet sockets well within the committed proxy timeout: the server’s keep-alive is at most a third of it', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../deploy/nginx-office.conf'), 'utf8');
    expect(defaultLimits.keepAliveIntervalMs * 3).toBeLessThanOrEqual(readTimeoutSeconds(committed) * 1000);
    expect(DRILL_KEEPALIVE_MS * 3).toBeLessThanOrEqual(readTimeoutSeconds(site) * 1000);
  });

  it('redirects plain HTTP to HTTPS, answers /health and /health/ready over TLS, and keeps /metrics off the public name', async () => {
    const plain = await call(`${http}/health/ready`);
    expect(plain.status).toBe(301);
    // to the same name on the HTTPS port (443 in the office; the drill's is another, so only the scheme and path)
    expect(plain.headers.location).toBe('https://127.0.0.1/health/ready');

    const health = await call(`${https}/health`, { ca });
    expect(health.status, health.body).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    const ready = await call(`${https}/health/ready`, { ca });
    expect(ready.status, ready.body).toBe(200);
    expect((await call(`${https}/metrics`, { ca })).status).toBe(404);
    // without the certificate's issuer trusted, no connection (TLS is really in the way)
    await expect(call(`${https}/health`)).rejects.toThrow(/self.signed|certificate/i);
  });

  it('serves the extension’s updates.xml with the public HTTPS address in it, never cached on the way', async () => {
    const xml = await call(`${https}/ext/updates.xml`, { ca });
    expect(xml.status, xml.body).toBe(200);
    expect(xml.body).toContain(`codebase="${https}/ext/guatu.crx" version="3.1.4"`);
    expect(xml.headers['cache-control']).toContain('no-cache');
  });

  it('syncs over wss:// through it: a frame over a megabyte converges, and a quiet socket outlives the proxy timeout', async () => {
    const startup = app.startup;
    if (startup.kind !== 'demo') throw new Error('expected a demo start');
    const code = startup.invites.find((invite) => invite.role === 'admin')?.code ?? '';
    const joined = await call(`${https}/api/join`, { ca, method: 'POST', body: JSON.stringify({ code }) });
    expect(joined.status, joined.body).toBe(200);
    const { token, memberId } = JSON.parse(joined.body) as { token: string; memberId: string };
    const room = projectDocName(startup.workspaceId, ProjectIdSchema.parse(`${startup.workspaceId}-p0001`));
    const wss = https.replace(/^https/, 'wss');
    const writer = connect(wss, room, token, ca);
    const watcher = connect(wss, room, token, ca);
    cleanups.push(
      () => writer.provider.destroy(),
      () => watcher.provider.destroy(),
    );
    await waitFor(() => writer.provider.synced && watcher.provider.synced, 'both clients synced through nginx', 20_000);

    let largest = 0;
    writer.doc.on('update', (update: Uint8Array) => {
      largest = Math.max(largest, update.length);
    });
    const COUNT = 2_000;
    writer.doc.transact(() => {
      for (let i = 0; i < COUNT; i++) {
        const title = `big-${i}-${'挂图作战倒排工期节点'.repeat(19)}`.slice(0, 200);
        const added = addMilestone(writer.doc, { title, dueDate: '2026-09-30', order: 1_000 + i }, { memberId, at: Date.now() });
        if (!added.ok) throw new Error(`milestone ${i} refused: ${JSON.stringify(added)}`);
      }
    });
    expect(largest).toBeGreaterThan(1024 * 1024);
    await waitFor(() => titles(watcher.doc, 'big-').length === COUNT, `the watcher has all ${COUNT} milestones`, 60_000);

    // quiet for more than twice the proxy timeout: nginx would close a socket nothing is sent on
    const quietUntil = Date.now() + DRILL_TIMEOUT_S * 2_500;
    await waitFor(() => Date.now() >= quietUntil, 'the quiet period', DRILL_TIMEOUT_S * 4_000);
    expect(writer.closes).toEqual([]);
    expect(watcher.closes).toEqual([]);
    addMilestone(writer.doc, { title: 'after-the-quiet', dueDate: '2026-10-01' }, { memberId, at: Date.now() });
    await waitFor(() => titles(watcher.doc, 'after-the-quiet').length === 1, 'an edit after the quiet period arrives');
  }, 120_000);
});

describe.skipIf(nginx.binary === null)(`deploy/nginx.conf (compose balancer) with one instance down (nginx ${nginx.version})`, () => {
  it('answers every request and syncs through the live instance while the other refuses connections', async () => {
    const nginxDir = makeTempDir('nginx-compose');
    const dataDir = makeTempDir('nginx-compose-data');
    cleanups.push(nginxDir.remove, dataDir.remove);
    const running = await startApp(join(dataDir.dir, 'data'), { demo: true, demoScale: 'county' });
    cleanups.push(() => running.app.close());
    const [port, deadPort] = [await freePort(), await freePort()];
    const site = renderComposeNginx({ listen: `127.0.0.1:${port}`, upstreams: [new URL(running.url).host, `127.0.0.1:${deadPort}`] });
    const checked = testNginxConfig(nginx.binary ?? 'nginx', nginxDir.dir, site);
    expect(checked.ok, checked.output).toBe(true);
    const proxy = await startNginx(nginx.binary ?? 'nginx', nginxDir.dir, site, port);
    cleanups.push(() => proxy.stop());
    const base = `http://127.0.0.1:${port}`;

    // least_conn sends some requests to the dead instance; proxy_next_upstream takes them to the live one
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call(`${base}/health/ready`)).status);
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 200));

    const startup = running.app.startup;
    if (startup.kind !== 'demo') throw new Error('expected a demo start');
    const code = startup.invites.find((invite) => invite.role === 'admin')?.code ?? '';
    const joined = await call(`${base}/api/join`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(joined.status, joined.body).toBe(200);
    const { token, memberId } = JSON.parse(joined.body) as { token: string; memberId: string };
    const room = projectDocName(startup.workspaceId, ProjectIdSchema.parse(`${startup.workspaceId}-p0002`));
    const throughProxy = connect(base.replace(/^http/, 'ws'), room, token, null);
    const direct = connect(running.wsUrl, room, token, null);
    cleanups.push(
      () => throughProxy.provider.destroy(),
      () => direct.provider.destroy(),
    );
    await waitFor(() => throughProxy.provider.synced && direct.provider.synced, 'both clients synced', 20_000);
    addMilestone(throughProxy.doc, { title: 'via-balancer', dueDate: '2026-09-30' }, { memberId, at: Date.now() });
    await waitFor(() => titles(direct.doc, 'via-balancer').length === 1, 'the edit made through the balancer reaches a direct client');
  }, 120_000);
});
