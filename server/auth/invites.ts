import type { Role } from '../../shared/schema/member';
import type { AccountStore, InviteRecord, NewMemberProfile } from './account-store';
import { newId } from './ids';
import { generateInviteCode, hashInviteCode, isWellFormedInviteCode, normalizeInviteCode } from './invite-code';
import type { CreateInviteInput } from './invite-input';
import type { Principal } from '../../shared/rights';
import type { Clock } from './principal';
import type { TokenService } from './tokens';
import { err, ok, type Result } from '../../shared/result';

export const DEFAULT_INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A member's current standing as the workspace document says it, for re-checking an admin token. */
export type MemberLookup = (workspaceId: string, memberId: string) => Promise<{ role: Role; archived: boolean } | null>;

/** Someone exchanged a code for a token; the wiring adds a new person to the workspace document through the model. */
export interface Joined {
  workspaceId: string;
  memberId: string;
  role: Role;
  profile: NewMemberProfile | null;
  tokenId: string;
}

export interface CreatedInvite {
  /** The id the console lists and revokes it by. */
  id: string;
  code: string;
  expiresAt: number;
  workspaceId: string;
  memberId: string;
  role: Role;
}

export type CreateInviteResult = Result<{ invite: CreatedInvite }, { error: 'forbidden' | 'unknown_workspace' }>;

export interface JoinSuccess {
  token: string;
  workspaceId: string;
  memberId: string;
  role: Role;
  expiresAt: number;
}

export type JoinResult = Result<{ joined: JoinSuccess }, { error: 'invite.unknown' | 'invite.used' | 'invite.expired' | 'invite.revoked' }>;

/** An open invite as the admin console lists it: never its code (only its hash is stored). */
export interface OpenInvite {
  id: string;
  memberId: string;
  role: Role;
  /** The new person's name, rank and unit; null for an invite of an existing member (a new device). */
  profile: NewMemberProfile | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

export type ListInvitesResult = Result<{ invites: OpenInvite[] }, { error: 'forbidden' }>;
export type RevokeInviteResult = Result<{ invite: OpenInvite }, { error: 'forbidden' | 'invite.unknown' | 'invite.used' | 'invite.revoked' }>;

export interface InviteServiceOptions {
  store: AccountStore;
  tokens: TokenService;
  now: Clock;
  inviteLifetimeMs?: number;
  lookupMember?: MemberLookup;
  onJoined?: (joined: Joined) => void | Promise<void>;
  onHookError?: (error: unknown) => void;
  generateCode?: () => string;
}

export interface InviteService {
  /** Mint an invite without a requesting admin: the first start and the admin CLI. */
  issueInvite(workspaceId: string, input: CreateInviteInput, createdBy: string): Promise<CreatedInvite | null>;
  /** An admin of the workspace invites someone; anyone else is refused. */
  createInvite(by: Principal, workspaceId: string, input: CreateInviteInput): Promise<CreateInviteResult>;
  /** The workspace's open invites (an admin of it only). */
  listInvites(by: Principal, workspaceId: string): Promise<ListInvitesResult>;
  /** Revoke an unused invite (an admin of the workspace only): its code no longer joins. */
  revokeInvite(by: Principal, workspaceId: string, inviteId: string): Promise<RevokeInviteResult>;
  /** Exchange a code for a token, once. */
  join(typedCode: string): Promise<JoinResult>;
}

function openInvite(record: InviteRecord): OpenInvite {
  const { id, memberId, role, profile, createdBy, createdAt, expiresAt } = record;
  return { id, memberId, role, profile, createdBy, createdAt, expiresAt };
}

/** Fresh codes are checked against stored ones; with 40 bits a second try is already rare. */
const CODE_ATTEMPTS = 5;

export function createInviteService(options: InviteServiceOptions): InviteService {
  const { store, tokens, now } = options;
  const lifetime = options.inviteLifetimeMs ?? DEFAULT_INVITE_LIFETIME_MS;
  const generateCode = options.generateCode ?? (() => generateInviteCode());

  async function issueInvite(workspaceId: string, input: CreateInviteInput, createdBy: string): Promise<CreatedInvite | null> {
    if (!(await store.getWorkspace(workspaceId))) return null;
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = generateCode();
      const codeHash = hashInviteCode(code);
      if (await store.getInvite(codeHash)) continue;
      const createdAt = now();
      const expiresAt = createdAt + (input.expiresInHours !== undefined ? input.expiresInHours * 3_600_000 : lifetime);
      const memberId = input.memberId ?? newId();
      const id = newId();
      await store.addInvite({
        codeHash,
        id,
        workspaceId,
        memberId,
        role: input.role,
        profile: input.member ?? null,
        createdBy,
        createdAt,
        expiresAt,
        usedAt: null,
        usedBy: null,
        revokedAt: null,
      });
      return { id, code, expiresAt, workspaceId, memberId, role: input.role };
    }
    throw new Error('could not find an unused invite code');
  }

  async function isAdmin(by: Principal, workspaceId: string): Promise<boolean> {
    if (by.workspaceId !== workspaceId) return false;
    const current = options.lookupMember ? await options.lookupMember(workspaceId, by.memberId) : null;
    if (current) return !current.archived && current.role === 'admin';
    return by.role === 'admin';
  }

  return {
    issueInvite,

    async createInvite(by, workspaceId, input) {
      if (!(await isAdmin(by, workspaceId))) return err({ error: 'forbidden' });
      const invite = await issueInvite(workspaceId, input, by.memberId);
      return invite ? ok({ invite }) : err({ error: 'unknown_workspace' });
    },

    async listInvites(by, workspaceId) {
      if (!(await isAdmin(by, workspaceId))) return err({ error: 'forbidden' });
      const invites = await store.openInvites(workspaceId, now());
      return ok({ invites: invites.map(openInvite) });
    },

    async revokeInvite(by, workspaceId, inviteId) {
      if (!(await isAdmin(by, workspaceId))) return err({ error: 'forbidden' });
      const revoked = await store.revokeInvite(workspaceId, inviteId, now());
      if (!revoked.ok) return err({ error: `invite.${revoked.reason}` });
      return ok({ invite: openInvite(revoked.invite) });
    },

    async join(typedCode) {
      const code = normalizeInviteCode(typedCode);
      if (!isWellFormedInviteCode(code)) return err({ error: 'invite.unknown' });
      const tokenId = newId();
      // Claim first, sign second: of two concurrent joins only one claim succeeds, so only one token exists.
      const claimed = await store.redeemInvite(hashInviteCode(code), now(), tokenId);
      if (!claimed.ok) return err({ error: `invite.${claimed.reason}` });
      const { workspaceId, memberId, role, profile } = claimed.invite;
      const issued = await tokens.issue(workspaceId, memberId, role, tokenId);
      if (!issued) return err({ error: 'invite.unknown' });
      try {
        await options.onJoined?.({ workspaceId, memberId, role, profile, tokenId });
      } catch (error) {
        // The code is spent and the token valid: the person joined; the wiring retries adding them on first sync.
        options.onHookError?.(error);
      }
      return ok({ joined: { token: issued.token, workspaceId, memberId, role, expiresAt: issued.expiresAt } });
    },
  };
}
