import { chunkFrames } from '../shared/protocol/encode-message';
import { CHUNK_BYTES } from '../shared/protocol/messages';

/**
 * A WebSocket class like `Base` whose send() cuts a binary frame larger than `chunkBytes` into chunk frames
 * (MessageType.chunk, transfer ids 0, 1, 2… per socket) that our sync server joins again. Everything else — events,
 * binaryType, readyState, close, bufferedAmount — is `Base`'s own, as this is a subclass.
 *
 * Why: the y-websocket provider answers the server's sync step 1 with all the offline work in one frame, and a frame
 * over the server's maxPayload (4 MiB) is closed with 1009 every time, so that work never arrived. The chunks are
 * handed to the socket at once, as the whole frame would have been: the browser buffers them (bufferedAmount) exactly
 * as it would have buffered the frame, and the server slows a fast sender by reading its socket more slowly, so there
 * is no queue and no pacing here. Only our server understands chunk frames; a stock y-websocket server closes with
 * 4400 on the first one.
 */
export function chunkedWebSocket(Base: typeof WebSocket, chunkBytes = CHUNK_BYTES): typeof WebSocket {
  return class ChunkedWebSocket extends Base {
    private nextTransferId = 0;

    override send(data: Parameters<WebSocket['send']>[0]): void {
      const bytes = binaryBytes(data);
      if (bytes === null || bytes.length <= chunkBytes) return super.send(data);
      const transferId = this.nextTransferId++;
      for (const frame of chunkFrames(transferId, bytes, chunkBytes)) super.send(frame);
    }
  };
}

/** The bytes of a binary payload without copying; null for text and Blobs, which pass through as they are. */
function binaryBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}
