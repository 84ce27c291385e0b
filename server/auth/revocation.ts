import type { AccountStore } from './account-store';
import type { Clock } from './principal';

/** Whose connections to drop: every connection of a member, or those made with one token. */
export type Revoked = { kind: 'member'; workspaceId: string; memberId: string } | { kind: 'token'; workspaceId: string; tokenId: string };

export interface RevocationOptions {
  store: AccountStore;
  now: Clock;
  /** Called after the revocation is stored; the wiring closes the matching sync connections. */
  onRevoked?: (revoked: Revoked) => void | Promise<void>;
}

export interface RevocationService {
  /** Refuse every token the member holds now; a later invite gives them a new one. */
  revokeMember(workspaceId: string, memberId: string, by: string): Promise<void>;
  /** Refuse one token (a lost laptop) and leave the member's other devices alone. */
  revokeToken(workspaceId: string, tokenId: string, by: string): Promise<void>;
}

export function createRevocationService(options: RevocationOptions): RevocationService {
  const { store, now } = options;
  return {
    async revokeMember(workspaceId, memberId, by) {
      await store.addRevocation({ workspaceId, kind: 'member', subject: memberId, at: now(), by });
      await options.onRevoked?.({ kind: 'member', workspaceId, memberId });
    },
    async revokeToken(workspaceId, tokenId, by) {
      await store.addRevocation({ workspaceId, kind: 'token', subject: tokenId, at: now(), by });
      await options.onRevoked?.({ kind: 'token', workspaceId, tokenId });
    },
  };
}
