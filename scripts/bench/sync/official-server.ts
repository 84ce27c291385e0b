import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import type { RunningServer } from './running-server';

/**
 * @y/websocket-server 0.1.1 as its own bin/server.js wires it: a ws server whose connections go to
 * setupWSConnection, documents in memory (no YPERSISTENCE), no auth.
 */
export async function startOfficial(): Promise<RunningServer> {
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('okay'));
  wss.on('connection', (ws, req) => setupWSConnection(ws, req, { docName: (req.url ?? '').slice(1).split('?')[0] ?? '' }));
  http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
