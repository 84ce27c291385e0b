import type { AccountStore, NewMemberProfile } from './account-store';
import { createInviteService, type InviteService, type Joined, type MemberLookup } from './invites';
import type { Principal } from '../../shared/rights';
import type { Clock } from './principal';
import { createRevocationService, type RevocationService, type Revoked } from './revocation';
import { createTokenService, type TokenService } from './tokens';
import { createWorkspace, type CreatedWorkspace } from './workspaces';

export interface AuthConfig {
  store: AccountStore;
  /** Epoch milliseconds; tests inject a clock they move by hand. */
  now?: Clock;
  tokenLifetimeSeconds?: number;
  inviteLifetimeMs?: number;
  /** The member as the workspace document says it, so a demoted admin cannot invite on an old token. */
  lookupMember?: MemberLookup;
  /** A person joined with a code: add a new one to the workspace document through the model. */
  onJoined?: (joined: Joined) => void | Promise<void>;
  /** A member or token was revoked: close their sync connections (see `revokedConnections`). */
  onRevoked?: (revoked: Revoked) => void | Promise<void>;
  onHookError?: (error: unknown) => void;
}

export interface Auth extends RevocationService {
  tokens: TokenService;
  invites: InviteService;
  createWorkspace(name: string, adminProfile?: NewMemberProfile): ReturnType<typeof createWorkspace>;
}

/** Tokens, invites and revocation over one account store, with one clock. */
export function createAuth(config: AuthConfig): Auth {
  const now = config.now ?? Date.now;
  const { store } = config;
  const tokens = createTokenService({ store, now, lifetimeSeconds: config.tokenLifetimeSeconds });
  const invites = createInviteService({
    store,
    tokens,
    now,
    inviteLifetimeMs: config.inviteLifetimeMs,
    lookupMember: config.lookupMember,
    onJoined: config.onJoined,
    onHookError: config.onHookError,
  });
  const revocation = createRevocationService({ store, now, onRevoked: config.onRevoked });
  return {
    tokens,
    invites,
    ...revocation,
    createWorkspace: (name, adminProfile) => createWorkspace({ store, invites, now }, name, adminProfile),
  };
}

/** A connection's principal as the sync server keeps it; `tokenId` is there when our `authenticate` made it. */
type ConnectionPrincipal = Pick<Principal, 'workspaceId' | 'memberId'> & { tokenId?: unknown };

/** Which open connections a revocation ends: pass to the sync server's `closeConnections` with CloseCode.revoked. */
export function revokedConnections(revoked: Revoked): (principal: ConnectionPrincipal) => boolean {
  return revoked.kind === 'member'
    ? (p) => p.workspaceId === revoked.workspaceId && p.memberId === revoked.memberId
    : (p) => p.workspaceId === revoked.workspaceId && p.tokenId === revoked.tokenId;
}

export type { CreatedWorkspace };
