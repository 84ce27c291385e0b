import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RunningServer } from './running-server';

/**
 * The floor: a ws server that forwards every binary frame to the other sockets of the same room. No Yjs, no
 * storage, no auth — what any sync server costs at the least on this machine with this client.
 */
export async function startRelay(): Promise<RunningServer> {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const name = (req.url ?? '/').slice(1).split('?')[0] ?? '';
      let room = rooms.get(name);
      if (!room) {
        room = new Set();
        rooms.set(name, room);
      }
      const members = room;
      members.add(ws);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return;
        for (const peer of members) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
      });
      ws.on('close', () => {
        members.delete(ws);
        if (members.size === 0) rooms.delete(name);
      });
    }),
  );
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
