/**
 * The y-websocket wire format: every binary frame starts with a varuint message type.
 * Sync (0) and awareness (1) are y-protocols; auth (2) is only sent by servers; query-awareness (3) asks for all
 * awareness states. Chunk (4) is ours, not y-websocket's: our extension sends a frame larger than its chunk size as
 * numbered pieces (see CHUNK_BYTES), so offline work of any size fits under the server's maxPayload; stock clients
 * never send it.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  chunk: 4,
} as const;

/**
 * The largest frame our extension sends whole; bigger ones go as chunk frames with pieces of this size. Far below the
 * server's maxPayload (4 MiB), and small enough that a piece never waits long behind another connection's.
 */
export const CHUNK_BYTES = 512 * 1024;

/** Second varuint of a sync message. */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/**
 * An awareness update with zero entries: [messageAwareness, length 1, count 0].
 * The stock client resets its 30 s "no message received" watchdog on any frame, applies this as a no-op and does not
 * answer, so the server sends it on quiet connections as a keep-alive.
 */
export const KEEP_ALIVE_MESSAGE: Uint8Array = Uint8Array.of(MessageType.awareness, 1, 0);

/** Longest room (document) name the server accepts, in UTF-16 code units after URL decoding. */
export const MAX_DOCUMENT_NAME_LENGTH = 256;
