/**
 * `official-persisted-child.ts <port> <states.sqlite>`: @y/websocket-server 0.1.1 wired as its bin/server.js wires it
 * (setupWSConnection per socket, no auth; every HTTP request answered "okay", so GET /health measures only its event
 * loop), with a persistence layer like its YPERSISTENCE LevelDB one but over SQLite (leveldown is not built here):
 * a document's stored state is applied when the first socket opens it (synchronously, so before its sync step 1),
 * its updates are appended, and it is dropped from memory when its last socket leaves. A restart on the same file
 * therefore reloads from disk, as ours does.
 */
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { serveRpc } from './child-rpc';

const port = Number(process.argv[2]);
const path = process.argv[3];
if (!Number.isInteger(port) || !path) throw new Error('usage: official-persisted-child.ts <port> <states.sqlite>');

const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL)');
db.exec('CREATE INDEX IF NOT EXISTS updates_name ON updates(name, id)');
const read = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE name = ? ORDER BY id');
const append = db.prepare<[string, Uint8Array]>('INSERT INTO updates (name, data) VALUES (?, ?)');

setPersistence({
  provider: db,
  bindState: (docName: string, ydoc: Y.Doc) => {
    const stored = read.all(docName).map((row) => new Uint8Array(row.data));
    if (stored.length > 0) Y.applyUpdate(ydoc, stored.length === 1 ? (stored[0] as Uint8Array) : Y.mergeUpdates(stored));
    ydoc.on('update', (update: Uint8Array) => append.run(docName, update));
  },
  writeState: async () => undefined,
});

const wss = new WebSocketServer({ noServer: true });
const http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('okay'));
wss.on('connection', (ws, req) => setupWSConnection(ws, req, { docName: (req.url ?? '').slice(1).split('?')[0] ?? '' }));
http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
serveRpc({}, { port });
