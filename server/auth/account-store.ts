/**
 * Accounts of the sync server: workspaces with their signing secrets, one-time invites, and revocations.
 * Every backend (SQLite now; Postgres later) implements this; tests/server/auth/account-store.contract.ts is the contract.
 */
import type { Rank, Role } from '../../shared/schema/member';
import type { Result } from '../../shared/result';

export interface WorkspaceRecord {
  id: string;
  name: string;
  /** HS256 key for this workspace's tokens; never leaves the server. */
  secret: Uint8Array;
  createdAt: number;
}

/** What the admin typed about a person who is not yet in the workspace document (the wiring adds them on join). */
export interface NewMemberProfile {
  name: string;
  rank: Rank;
  unitId: string | null;
}

export interface InviteRecord {
  /** sha-256 of the normalised code: the code itself is never stored. */
  codeHash: string;
  /** A random id the admin console lists and revokes the invite by (never derived from the code). */
  id: string;
  workspaceId: string;
  memberId: string;
  role: Role;
  /** Present when the invite brings a new person into the workspace. */
  profile: NewMemberProfile | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  /** The id (jti) of the token the code was exchanged for. */
  usedBy: string | null;
  /** When an admin revoked the unused invite; a revoked code no longer joins. */
  revokedAt: number | null;
}

export type RedeemOutcome = Result<{ invite: InviteRecord }, { reason: 'unknown' | 'used' | 'expired' | 'revoked'; invite?: InviteRecord }>;
export type RevokeInviteOutcome = Result<{ invite: InviteRecord }, { reason: 'unknown' | 'used' | 'revoked' }>;

export interface RevocationRecord {
  workspaceId: string;
  kind: 'member' | 'token';
  /** Member id or token id (jti), by kind. */
  subject: string;
  at: number;
  by: string;
}

export interface AccountStore {
  createWorkspace(workspace: WorkspaceRecord): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  addInvite(invite: InviteRecord): Promise<void>;
  getInvite(codeHash: string): Promise<InviteRecord | null>;
  /**
   * Mark the invite used by `tokenId` at `at`, atomically: of any number of concurrent calls with one code,
   * exactly one gets ok. Refuses unknown, already used, revoked and expired (expiresAt ≤ at) invites.
   */
  redeemInvite(codeHash: string, at: number, tokenId: string): Promise<RedeemOutcome>;
  /** The workspace's invites that are neither used, revoked nor expired at `at`, newest first. */
  openInvites(workspaceId: string, at: number): Promise<InviteRecord[]>;
  /**
   * Revoke the unused invite `id` of the workspace, atomically against a concurrent redeem: of the two, exactly one
   * wins. Refuses unknown (or another workspace's), used and already revoked invites.
   */
  revokeInvite(workspaceId: string, id: string, at: number): Promise<RevokeInviteOutcome>;
  addRevocation(revocation: RevocationRecord): Promise<void>;
  /** The latest revocation of a member, or null. */
  memberRevokedAt(workspaceId: string, memberId: string): Promise<number | null>;
  isTokenRevoked(workspaceId: string, tokenId: string): Promise<boolean>;
  revocations(workspaceId: string): Promise<RevocationRecord[]>;
  /**
   * Revocations of every workspace stored after `cursor` (0 = from the start), oldest first, at most `limit`, each
   * with the cursor to pass next. Lets a running server pick up revocations another process (the CLI) wrote.
   */
  revocationsAfter(cursor: number, limit: number): Promise<Array<RevocationRecord & { cursor: number }>>;
  /** The cursor of the newest revocation stored (0 when none): where a server starting now begins to watch. */
  latestRevocationCursor(): Promise<number>;
  close(): Promise<void>;
}
