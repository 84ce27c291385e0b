/**
 * A second HTTP listener for /health and /metrics (`OPS_PORT`), so an operator's probe is answered within one
 * event-loop turn even while a reconnect storm fills the main port's accept queue.
 *
 * Why a separate port: libuv (Node 20 ships 1.46) accepts one connection per listening socket per event-loop
 * iteration (libuv pull request 3696, "don't accept() connections in a loop"). During a storm each iteration also
 * serves thousands of sockets' frames, so the main port accepts a few dozen connections a second and a /health on a
 * fresh connection waits behind every WebSocket handshake queued before it (measured: 1,145 queued, 5.3 s). This
 * listener's queue holds only the probes, which are accepted on the next iteration.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpsListener {
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

export function createOpsListener(handler: (req: IncomingMessage, res: ServerResponse) => void): OpsListener {
  const server: Server = createServer(handler);
  // a probe's connection is short; one that stalls must not hold a socket for long
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.on('clientError', (_error, socket) => socket.destroy());
  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
          server.off('error', reject);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
