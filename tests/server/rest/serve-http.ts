import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { nodeListener } from '../../../server/rest/http-app';
import type { RestEnv } from '../../../server/rest/respond';

const servers: Server[] = [];

/** `app` on a real socket (port 0, 127.0.0.1) through the listener the sync server uses; returns its base URL. */
export async function serveHttp(app: Hono<RestEnv>): Promise<string> {
  const server = createServer(nodeListener(app));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes every server `serveHttp` started (call in afterEach). */
export async function closeServed(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    ),
  );
}
