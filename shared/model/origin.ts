/** Who makes a change and when (epoch ms, passed in: the model never reads a clock). */
export interface Author {
  memberId: string;
  at: number;
}

/**
 * The origin of every transaction on a Guatu document, so each observer knows where a change came from
 * (a local edit to persist and send, an update from the network, the server's derived writes, a load from disk).
 */
export type ModelOrigin = { source: 'local'; memberId: string; at: number } | { source: 'remote' } | { source: 'server' } | { source: 'persistence' };

export function localOrigin(author: Author): ModelOrigin {
  return { source: 'local', memberId: author.memberId, at: author.at };
}

/** True when a transaction origin is one of ours (rather than a provider's own object). */
export function isModelOrigin(origin: unknown): origin is ModelOrigin {
  if (typeof origin !== 'object' || origin === null || !('source' in origin)) return false;
  return ['local', 'remote', 'server', 'persistence'].includes(String(origin.source));
}
