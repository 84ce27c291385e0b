/**
 * WebSocket close codes the sync server uses, shared with the extension so it can explain each one.
 *
 * The stock y-websocket client stops reconnecting on 4400–4499 ("reconnecting cannot fix this") and retries every
 * other code with backoff; 4500–4599 are "try again later". Each code below is chosen with that in mind.
 */
export const CloseCode = {
  /** Server is shutting down or restarting; reconnect. */
  goingAway: 1001,
  /**
   * Too big: a frame larger than the server's maxPayload (ws sends this itself), or chunks adding up to more than the
   * server will reassemble (reason CloseReason.tooBig). Resending the same bytes cannot help, but a stock client retries
   * at once, forever; ours retries once and then stops and says so (see reconnectPolicy).
   */
  messageTooBig: 1009,
  /** The client reads too slowly: more than the server will buffer for it is waiting to be sent. Reconnect. */
  backpressure: 1013,
  /** Malformed frame: text frame, bad varint, unknown message type, undecodable Yjs or awareness update. The client would resend the same bytes, so stop. */
  malformedMessage: 4400,
  /** Missing, forged or expired token: the user must sign in / re-join again. */
  unauthenticated: 4401,
  /** The member may not open this document. */
  forbidden: 4403,
  /** The room name is empty, too long or not valid text. */
  invalidDocumentName: 4404,
  /** Authentication did not finish within the server's auth timeout. */
  authTimeout: 4408,
  /** Rights were withdrawn while connected (member removed, role changed, project reassigned). */
  revoked: 4409,
  /**
   * A change this member may not make was refused and not kept: their own role or archive state, another member's
   * name in an attribution, 审核 records without being 项目办 … Sending it again is refused again.
   */
  changeRefused: 4422,
  /** The change would make the document larger than the server keeps (bytes or entries): sending it again cannot help. */
  documentTooLarge: 4413,
  /**
   * Too many messages or bytes per second, or too much queued, or (reason CloseReason.overBudget) more chunked bytes
   * in reassembly than the member may have at once. In the 44xx range so a runaway client does not hammer the server;
   * the extension reconnects after a long pause on its own (see reconnectPolicy).
   */
  rateLimited: 4429,
  /** Storage or another server-side failure; nothing the client sent was lost: reconnect and it is resent. */
  serverError: 4500,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** Close reasons (the close frame's text) the extension tells apart within one code. */
export const CloseReason = {
  /** With 1009: the chunks of one frame add up to more than the server reassembles. */
  tooBig: 'too-big',
  /** With 4429: the member's chunked transfers in progress hold more bytes than the server allows at once. */
  overBudget: 'over-budget',
  /**
   * With 4422: the update carries items under a Yjs client id that belongs to another member (issue #13). For a
   * browser's own unsent edits this means its client id was taken first (docs/client-id-bindings.md): they cannot be
   * accepted as its member's, and resending them never helps.
   */
  clientIdForeign: 'client-id-foreign',
  /** With 4422: more new client ids in one update than the server takes. */
  clientIdsTooMany: 'client-ids-too-many',
  /** With 4429: the member brings new client ids faster than their budget; come back after a pause. */
  clientIdRate: 'client-id-rate',
} as const;

/**
 * What a client should do after the server closed with `code`. 'reconnect-once': the same bytes will be refused
 * again, yet one retry costs little and covers a server whose limits just changed; the same close twice in a row means
 * stop and tell the user.
 */
export type ReconnectPolicy = 'reconnect' | 'reconnect-once' | 'reconnect-after-pause' | 'stop';

export function reconnectPolicy(code: number): ReconnectPolicy {
  if (code === CloseCode.messageTooBig) return 'reconnect-once';
  if (code === CloseCode.rateLimited) return 'reconnect-after-pause';
  if (code >= 4400 && code < 4500) return 'stop';
  return 'reconnect';
}

const names = new Map<number, CloseCodeName>((Object.keys(CloseCode) as CloseCodeName[]).map((name) => [CloseCode[name], name]));

/** The name of a close code we defined, or null for codes that are not ours (1000, 1006, …). */
export function closeCodeName(code: number): CloseCodeName | null {
  return names.get(code) ?? null;
}
