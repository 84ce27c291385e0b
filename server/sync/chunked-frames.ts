import { CloseCode, CloseReason } from '../../shared/protocol/close-codes';
import type { ChunkMessage } from '../../shared/protocol/decode-message';
import type { RejectReason } from '../metrics';
import { ChunkAssembler } from './chunk-assembler';
import type { SyncLimits, SyncServerConfig } from './config';
import type { Connection } from './connection';

/**
 * The assembler for one connection's chunked frames; a transfer cut short by the close gives its bytes back. It may
 * reassemble no more than the connection may queue: a bigger frame could never be handled, so it is refused (1009)
 * before its pieces are taken in.
 */
export function chunkAssembler(conn: Connection, limits: SyncLimits): ChunkAssembler {
  // the member's budget, shared by all their connections. Before the token is checked there is no member and no
  // reassembly: a transfer's buffer is allocated at its declared size, so a stranger's one small frame must not get
  // one. Our client sends its big sync step 2 only in answer to the server's step 1, which comes after admission.
  const budget = {
    reserve: (bytes: number) => conn.member?.reserveAssembly(bytes) ?? false,
    release: (bytes: number) => conn.member?.releaseAssembly(bytes),
  };
  const assembler = new ChunkAssembler(Math.min(limits.maxAssembledBytes, limits.maxQueuedBytes), budget);
  conn.onClose(() => assembler.abort());
  return assembler;
}

/**
 * Feeds one piece to the assembler. Returns the completed frame, to be handled in place of the piece; null while
 * pieces are missing, or after the connection was refused (broken order 4400, too big 1009, over budget 4429).
 */
export function assembleChunk(
  conn: Connection,
  assembler: ChunkAssembler,
  chunk: ChunkMessage,
  refuse: (code: number, reason: RejectReason, detail?: string) => void,
  metrics: SyncServerConfig['metrics'],
): Uint8Array | null {
  const outcome = assembler.accept(chunk);
  switch (outcome.kind) {
    case 'partial':
      return null;
    case 'invalid':
      refuse(CloseCode.malformedMessage, 'malformed', `chunk: ${outcome.reason}`);
      return null;
    case 'too-large':
      refuse(CloseCode.messageTooBig, 'too-big', `chunked frame of ${outcome.totalBytes} bytes`);
      return null;
    case 'over-budget':
      // not refuse(): the close reason must say "over budget" so the extension can tell it from a plain rate limit
      if (conn.isClosed) return null;
      metrics.rejected.inc({ reason: 'rate-limited' });
      conn.logger.warn(
        { code: CloseCode.rateLimited, reason: CloseReason.overBudget, bytes: outcome.totalBytes, member: conn.memberId },
        'connection closed by server',
      );
      conn.close(CloseCode.rateLimited, CloseReason.overBudget);
      return null;
    case 'complete':
      return outcome.frame;
  }
}
