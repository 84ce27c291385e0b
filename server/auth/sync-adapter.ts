import type { IncomingMessage } from 'node:http';
import { CloseCode } from '../../shared/protocol/close-codes';
import type { AuthFailure, Principal as SyncPrincipal, Rights as SyncRights } from '../sync/config';
import { revokedConnections } from './create-auth';
import type { Revoked } from './revocation';
import { rightsFor, type WorkspaceView } from './rights';
import type { TokenFailure, TokenService } from './tokens';

/** Our token failures in the sync server's words; `detail` keeps the precise reason for the log. */
const SYNC_FAILURE: Record<TokenFailure, AuthFailure['failure']> = {
  missing: 'missing',
  malformed: 'invalid',
  forged: 'invalid',
  unknown_workspace: 'invalid',
  expired: 'expired',
  revoked: 'revoked',
};

/**
 * `authenticate` for createSyncServer: the principal it returns also carries `tokenId`,
 * so a revoked token's connections can be found (see revokedConnections).
 */
export function syncAuthenticate(tokens: TokenService) {
  return async (token: string | null, _req: IncomingMessage): Promise<SyncPrincipal | AuthFailure> => {
    const result = await tokens.verify(token);
    if (result.ok) return result.principal;
    return { failure: SYNC_FAILURE[result.failure], detail: result.failure };
  };
}

/**
 * `authorize` for createSyncServer: loads the principal's workspace view (members and registry, read from the
 * workspace document by the wiring) and applies rightsFor. A principal of another workspace is refused before any load.
 */
export function syncAuthorize(loadView: (workspaceId: string) => Promise<WorkspaceView>) {
  return async (principal: SyncPrincipal, docName: string): Promise<SyncRights> => {
    const view = await loadView(principal.workspaceId);
    const { read, write } = rightsFor(principal, docName, view);
    return { read, write };
  };
}

/** The part of the sync server a revocation needs. */
export interface ConnectionCloser {
  closeConnections(predicate: (conn: { principal: SyncPrincipal | null; openedAt: number }) => boolean, code?: number, reason?: string): number;
}

/**
 * The `onRevoked` hook: closes the revoked member's (or token's) open connections at once with 4409,
 * so a removed cadre stops receiving edits within seconds, not when their token expires.
 */
export function closeRevokedConnections(sync: ConnectionCloser): (revoked: Revoked, at?: number) => number {
  return (revoked, at) => {
    const picks = revokedConnections(revoked);
    // `at`: a revocation read back from the store; a member invited again since then keeps their new connections
    return sync.closeConnections(
      (conn) => conn.principal !== null && picks(conn.principal) && (at === undefined || conn.openedAt <= at),
      CloseCode.revoked,
      'revoked',
    );
  };
}
