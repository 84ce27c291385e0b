import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, errors, jwtVerify } from 'jose';
import type { Role } from '../../shared/schema/member';
import type { AccountStore } from './account-store';
import type { Clock, TokenPrincipal } from './principal';
import { TokenClaimsSchema } from './token-claims';
import { err, ok, type Result } from '../../shared/result';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** Why a token was refused; each maps to one message and one close code (4401). */
export type TokenFailure = 'missing' | 'malformed' | 'forged' | 'expired' | 'revoked' | 'unknown_workspace';

export type VerifyResult = Result<{ principal: TokenPrincipal; expiresAt: number }, { failure: TokenFailure }>;

export interface IssuedToken {
  token: string;
  tokenId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenService {
  /** Sign a token; null when the workspace does not exist. `tokenId` lets a caller record the id before signing. */
  issue(workspaceId: string, memberId: string, role: Role, tokenId?: string): Promise<IssuedToken | null>;
  verify(token: string | null | undefined): Promise<VerifyResult>;
}

export interface TokenServiceOptions {
  store: AccountStore;
  now: Clock;
  lifetimeSeconds?: number;
  newTokenId?: () => string;
}

/** Longest token we bother to parse: ours are ~300 bytes. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * HS256 tokens signed with the workspace's own secret: a leaked secret of one workspace forges nothing elsewhere.
 * A member revocation refuses every token issued at or before it; a later invite gives the member a fresh token.
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const { store, now } = options;
  const lifetime = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const newTokenId = options.newTokenId ?? randomUUID;

  return {
    async issue(workspaceId, memberId, role, tokenId = newTokenId()) {
      const workspace = await store.getWorkspace(workspaceId);
      if (!workspace) return null;
      const iat = Math.floor(now() / 1000);
      const exp = iat + lifetime;
      const token = await new SignJWT({ ws: workspaceId, role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(memberId)
        .setJti(tokenId)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(workspace.secret);
      return { token, tokenId, expiresAt: exp * 1000 };
    },

    async verify(token) {
      if (token === null || token === undefined || token.trim() === '') return err({ failure: 'missing' });
      if (token.length > MAX_TOKEN_LENGTH) return err({ failure: 'malformed' });
      // Read the workspace claim unverified only to pick the key; nothing else is trusted before the signature.
      let unverified: unknown;
      try {
        unverified = decodeJwt(token);
      } catch {
        return err({ failure: 'malformed' });
      }
      const peek = TokenClaimsSchema.pick({ ws: true }).safeParse(unverified);
      if (!peek.success) return err({ failure: 'malformed' });
      const workspace = await store.getWorkspace(peek.data.ws);
      if (!workspace) return err({ failure: 'unknown_workspace' });

      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, workspace.secret, {
          algorithms: ['HS256'],
          currentDate: new Date(now()),
          requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) return err({ failure: 'expired' });
        if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
          return err({ failure: 'forged' });
        }
        return err({ failure: 'malformed' });
      }
      const claims = TokenClaimsSchema.safeParse(payload);
      if (!claims.success) return err({ failure: 'malformed' });
      const { ws, sub, role, jti, iat, exp } = claims.data;

      if (await store.isTokenRevoked(ws, jti)) return err({ failure: 'revoked' });
      const revokedAt = await store.memberRevokedAt(ws, sub);
      if (revokedAt !== null && iat * 1000 <= revokedAt) return err({ failure: 'revoked' });

      return ok({ principal: { workspaceId: ws, memberId: sub, role, tokenId: jti }, expiresAt: exp * 1000 });
    },
  };
}
