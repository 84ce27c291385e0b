/**
 * The one thing the sync server needs of a client socket. `ws` sits behind it in ws-transport.ts; tests use an
 * in-memory pair (tests/server/sync/memory-socket.ts) that delivers frames only when flushed.
 */

/** Mirrors the WebSocket readyState: sending is possible only while 'open'. */
export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

/** The transport failed the socket and closes it itself; the server only records why. */
export interface SocketError {
  /** A frame over the transport's payload limit (ws closes with 1009), or broken framing. */
  kind: 'too-big' | 'malformed';
  message: string;
  /** The transport's own error code, for the log. */
  code?: string;
}

/** What a socket tells the server; set once with `listen`. */
export interface SocketEvents {
  /** One whole frame from the peer; `binary` is false for a text frame. */
  message(bytes: Uint8Array, binary: boolean): void;
  /** The peer answered a ping. */
  pong(): void;
  error(error: SocketError): void;
  /** The socket is closed, whichever side closed it; fires once. */
  close(): void;
}

export interface SyncSocket {
  readonly state: SocketState;
  /** Bytes sent and not yet written out to the peer (a slow reader makes this grow). */
  readonly bufferedAmount: number;
  listen(events: SocketEvents): void;
  /** Queues one binary frame; a failed write closes the socket (its 'close' event says so). */
  send(frame: Uint8Array): void;
  ping(): void;
  /** Starts the closing handshake. */
  close(code: number, reason: string): void;
  /** Drops the connection without a handshake. */
  terminate(): void;
  /** Stops reading frames from the peer until `resume` (its sends then wait in its own buffers). */
  pause(): void;
  resume(): void;
}
