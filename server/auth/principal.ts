import type { Principal } from '../../shared/rights';

/** Who is on the other end of a connection or request, as proven by a verified token. */
export interface TokenPrincipal extends Principal {
  /** The token's id (jti): lets one token be revoked without revoking the member. */
  tokenId: string;
}

/** A clock in epoch milliseconds; injected so tests never sleep. */
export type Clock = () => number;
