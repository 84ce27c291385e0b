/**
 * The address a request comes from, for per-client limits. The TCP peer is the client unless it is one of the
 * configured trusted proxies; only then is X-Forwarded-For read, right to left, skipping our own proxies, so the
 * left part a client may write itself is never believed.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) and "10.0.0.1" are one address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** True for an IPv4 or IPv6 address as written in X-Forwarded-For or TRUST_PROXY. */
export function isIpAddress(text: string): boolean {
  return isIP(normalizeAddress(text)) !== 0;
}

/** What clientAddress needs of a request: the TCP peer and the header (tests build these by hand). */
export type AddressedRequest = Pick<IncomingMessage, 'headers'> & { socket: { remoteAddress?: string | undefined } };

/**
 * The client's address: the peer, or when the peer is a trusted proxy the right-most X-Forwarded-For entry that is
 * not a trusted proxy (every proxy appends the address it received from). A malformed entry there stops the walk
 * and the last trusted hop answers instead, so a broken chain groups its clients rather than letting one pick a key.
 */
export function clientAddress(req: AddressedRequest, trustedProxies: ReadonlySet<string>): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalizeAddress(hop))
    .filter((hop) => hop !== '');
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return nearest;
    if (!trustedProxies.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

/** The configured proxy list as the set clientAddress takes. */
export function trustedProxySet(addresses: readonly string[] = []): ReadonlySet<string> {
  return new Set(addresses.map(normalizeAddress));
}
