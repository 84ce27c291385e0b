import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer for tests: each new connection goes to a random backend marked up (HTTP and WebSocket alike),
 * as nginx or a cloud balancer would after its health check; a backend's death closes the connections it held, and
 * the clients' reconnects land on another one.
 */
export interface Balancer {
  port: number;
  setUp(port: number, up: boolean): void;
  /** Cuts every connection now (a backend that died, or a network cut). */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startBalancer(backends: readonly number[], random: () => number): Promise<Balancer> {
  const up = new Set(backends);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const live = [...up];
    const target = live[Math.floor(random() * live.length)];
    if (target === undefined) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    setUp(port, isUp) {
      if (isUp) up.add(port);
      else up.delete(port);
    },
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
