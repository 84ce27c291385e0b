import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { MessageKey } from '../../shared/i18n';
import { CreateInviteInputSchema, JoinInputSchema } from '../auth/invite-input';
import type { InviteService, JoinResult } from '../auth/invites';
import type { TokenPrincipal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import type { AttemptLimits } from './attempt-limiter';
import { clientAddress, trustedProxySet } from './client-address';
import { createJoinLimiter, type JoinVerdict } from './join-limiter';
import { bearerToken, sendError, sendJson, type RestEnv } from './respond';
import { TOKEN_MESSAGE } from './token-messages';
import { jsonBody } from './validate';

export interface AuthRoutesOptions {
  invites: InviteService;
  tokens: TokenService;
  bodyLimitBytes?: number;
  /** Invite-code attempts allowed per client address, whatever the code (brute-force ceiling). */
  joinLimits?: AttemptLimits;
  /** Invite-code attempts allowed per client address and code prefix (so one guesser does not lock out a colleague). */
  joinPrefixLimits?: AttemptLimits;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: readonly string[];
  now?: () => number;
}

type JoinError = Extract<JoinResult, { ok: false }>['error'];

const JOIN_STATUS = { 'invite.unknown': 404, 'invite.used': 409, 'invite.expired': 410, 'invite.revoked': 410 } as const satisfies Record<JoinError, number>;
const JOIN_MESSAGE: Record<JoinError, MessageKey> = {
  'invite.unknown': 'auth.invite.unknown',
  'invite.used': 'auth.invite.used',
  'invite.expired': 'auth.invite.expired',
  'invite.revoked': 'auth.invite.revoked',
};

type Refused = Extract<JoinVerdict, { ok: false }>;
type Guarded = RestEnv & { Variables: { address: string; principal: TokenPrincipal } };

/**
 * `POST /api/join {code}` → `{ token, workspaceId, memberId, role, expiresAt }`;
 * `POST /api/workspaces/:id/invites` (admin bearer token) → `{ id, code, expiresAt, memberId, role }`;
 * `GET /api/workspaces/:id/invites` (admin) → `{ invites: [{ id, memberId, role, profile, createdBy, createdAt, expiresAt }] }`
 * (open ones; never a code); `DELETE /api/workspaces/:id/invites/:inviteId` (admin) → `{ invite }`, the code no longer joins.
 * Each refuses what it can before reading the body: a flooding address, a stranger without a token.
 */
export function authRoutes(options: AuthRoutesOptions): Hono<RestEnv> {
  const joinAttempts = createJoinLimiter({ perAddress: options.joinLimits, perAddressAndPrefix: options.joinPrefixLimits }, options.now);
  const trustedProxies = trustedProxySet(options.trustProxy);
  const body = <S extends Parameters<typeof jsonBody>[0]>(schema: S) => jsonBody(schema, options.bodyLimitBytes);

  const tooManyAttempts = (c: Context, verdict: Refused): Response =>
    sendError(c, 429, 'too_many_attempts', 'auth.tooManyAttempts', { 'retry-after': String(verdict.retryAfterSeconds) });

  /** The per-address ceiling, spent before the body is read, so a flood is refused unread. */
  const admitAddress = createMiddleware<Guarded>(async (c, next) => {
    const incoming = c.env?.incoming;
    const address = incoming ? clientAddress(incoming, trustedProxies) : 'unknown';
    const admitted = joinAttempts.admitAddress(address);
    if (!admitted.ok) return tooManyAttempts(c, admitted);
    c.set('address', address);
    await next();
  });

  /** Strangers get 401 for nothing, however large their upload. */
  const authenticate = createMiddleware<Guarded>(async (c, next) => {
    const verified = await options.tokens.verify(bearerToken(c));
    if (!verified.ok) return sendError(c, 401, `token.${verified.failure}`, TOKEN_MESSAGE[verified.failure]);
    c.set('principal', verified.principal);
    await next();
  });

  return new Hono<RestEnv>()
    .post('/api/join', admitAddress, body(JoinInputSchema), async (c) => {
      const { code } = c.req.valid('json');
      const codeAdmitted = joinAttempts.admitCode(c.var.address, code);
      if (!codeAdmitted.ok) return tooManyAttempts(c, codeAdmitted);
      const result = await options.invites.join(code);
      if (!result.ok) return sendError(c, JOIN_STATUS[result.error], result.error, JOIN_MESSAGE[result.error]);
      return sendJson(c, 200, result.joined);
    })
    .post('/api/workspaces/:id/invites', authenticate, body(CreateInviteInputSchema), async (c) => {
      const result = await options.invites.createInvite(c.var.principal, c.req.param('id'), c.req.valid('json'));
      if (!result.ok) {
        if (result.error === 'forbidden') return sendError(c, 403, 'forbidden', 'auth.forbidden');
        return sendError(c, 404, 'workspace.unknown', 'auth.workspace.unknown');
      }
      const { id, code, expiresAt, memberId, role } = result.invite;
      return sendJson(c, 201, { id, code, expiresAt, memberId, role });
    })
    .get('/api/workspaces/:id/invites', authenticate, async (c) => {
      const result = await options.invites.listInvites(c.var.principal, c.req.param('id'));
      if (!result.ok) return sendError(c, 403, 'forbidden', 'auth.forbidden');
      return sendJson(c, 200, { invites: result.invites });
    })
    .delete('/api/workspaces/:id/invites/:inviteId', authenticate, async (c) => {
      const result = await options.invites.revokeInvite(c.var.principal, c.req.param('id'), c.req.param('inviteId'));
      if (result.ok) return sendJson(c, 200, { invite: result.invite });
      if (result.error === 'forbidden') return sendError(c, 403, 'forbidden', 'auth.forbidden');
      if (result.error === 'invite.unknown') return sendError(c, 404, result.error, 'auth.invite.unknown');
      return sendError(c, 409, result.error, 'auth.invite.notOpen');
    });
}
