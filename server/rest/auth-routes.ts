import type { ServerResponse } from 'node:http';
import { t, type MessageKey } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { CreateInviteInputSchema, JoinInputSchema } from '../auth/invite-input';
import type { InviteService, JoinResult } from '../auth/invites';
import type { TokenFailure, TokenService } from '../auth/tokens';
import { bearerToken, readJsonBody, requestLocale, sendError, sendJson, DEFAULT_BODY_LIMIT_BYTES } from './http-json';
import type { AttemptLimits } from './attempt-limiter';
import { clientAddress, trustedProxySet } from './client-address';
import { createJoinLimiter, type JoinVerdict } from './join-limiter';
import { createRouter, type RequestHandler, type Route } from './router';
import { TOKEN_MESSAGE } from './token-messages';

export interface AuthRoutesOptions {
  invites: InviteService;
  tokens: TokenService;
  bodyLimitBytes?: number;
  /** Where a handler's unexpected error goes (the server's logger); the client gets a plain 500. */
  onError?: (error: unknown) => void;
  /** Invite-code attempts allowed per client address, whatever the code (brute-force ceiling). */
  joinLimits?: AttemptLimits;
  /** Invite-code attempts allowed per client address and code prefix (so one guesser does not lock out a colleague). */
  joinPrefixLimits?: AttemptLimits;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: readonly string[];
  now?: () => number;
}

type JoinError = Extract<JoinResult, { ok: false }>['error'];

const JOIN_STATUS: Record<JoinError, number> = { 'invite.unknown': 404, 'invite.used': 409, 'invite.expired': 410 };
const JOIN_MESSAGE: Record<JoinError, MessageKey> = {
  'invite.unknown': 'auth.invite.unknown',
  'invite.used': 'auth.invite.used',
  'invite.expired': 'auth.invite.expired',
};
function fail(res: ServerResponse, locale: Locale, status: number, code: string, key: MessageKey): void {
  sendError(res, status, code, t(locale, key), status === 413 ? { connection: 'close' } : {});
}

function tooManyAttempts(res: ServerResponse, locale: Locale, verdict: Extract<JoinVerdict, { ok: false }>): void {
  sendError(res, 429, 'too_many_attempts', t(locale, 'auth.tooManyAttempts'), { 'retry-after': String(verdict.retryAfterSeconds) });
}

/**
 * `POST /api/join {code}` → `{ token, workspaceId, memberId, role, expiresAt }`;
 * `POST /api/workspaces/:id/invites` (admin bearer token) → `{ code, expiresAt, memberId, role }`.
 */
export function authRoutes(options: AuthRoutesOptions): Route[] {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const joinAttempts = createJoinLimiter({ perAddress: options.joinLimits, perAddressAndPrefix: options.joinPrefixLimits }, options.now);
  const trustedProxies = trustedProxySet(options.trustProxy);

  return [
    {
      method: 'POST',
      pattern: '/api/join',
      async handler({ req, res }) {
        const locale = requestLocale(req);
        const address = clientAddress(req, trustedProxies);
        const admitted = joinAttempts.admitAddress(address);
        if (!admitted.ok) {
          req.resume();
          return tooManyAttempts(res, locale, admitted);
        }
        const body = await readJsonBody(req, limit);
        if (!body.ok) {
          if (body.reason === 'too_large') fail(res, locale, 413, 'too_large', 'auth.tooLarge');
          else fail(res, locale, 400, 'bad_request', 'auth.badRequest');
          return;
        }
        const input = JoinInputSchema.safeParse(body.value);
        if (!input.success) return fail(res, locale, 400, 'bad_request', 'auth.badRequest');
        const codeAdmitted = joinAttempts.admitCode(address, input.data.code);
        if (!codeAdmitted.ok) return tooManyAttempts(res, locale, codeAdmitted);
        const result = await options.invites.join(input.data.code);
        if (!result.ok) return fail(res, locale, JOIN_STATUS[result.error], result.error, JOIN_MESSAGE[result.error]);
        sendJson(res, 200, result.joined);
      },
    },
    {
      method: 'POST',
      pattern: '/api/workspaces/:id/invites',
      async handler({ req, res, params }) {
        const locale = requestLocale(req);
        // Authenticate before reading the body: strangers get 401 for nothing, however large their upload.
        const verified = await options.tokens.verify(bearerToken(req));
        if (!verified.ok) {
          req.resume();
          return fail(res, locale, 401, `token.${verified.failure}`, TOKEN_MESSAGE[verified.failure]);
        }
        const body = await readJsonBody(req, limit);
        if (!body.ok) {
          if (body.reason === 'too_large') fail(res, locale, 413, 'too_large', 'auth.tooLarge');
          else fail(res, locale, 400, 'bad_request', 'auth.badRequest');
          return;
        }
        const input = CreateInviteInputSchema.safeParse(body.value);
        if (!input.success) return fail(res, locale, 400, 'bad_request', 'auth.badRequest');
        const result = await options.invites.createInvite(verified.principal, params.id ?? '', input.data);
        if (!result.ok) {
          if (result.error === 'forbidden') return fail(res, locale, 403, 'forbidden', 'auth.forbidden');
          return fail(res, locale, 404, 'workspace.unknown', 'auth.workspace.unknown');
        }
        const { code, expiresAt, memberId, role } = result.invite;
        sendJson(res, 201, { code, expiresAt, memberId, role });
      },
    },
  ];
}

/** The auth routes as one handler for the sync server's HTTP side; resolves false for paths it does not serve. */
export function createAuthHttpHandler(options: AuthRoutesOptions): RequestHandler {
  return createRouter(authRoutes(options), {
    onMethodNotAllowed({ req, res }, allowed) {
      req.resume();
      sendError(res, 405, 'method_not_allowed', t(requestLocale(req), 'auth.methodNotAllowed'), { allow: allowed.join(', ') });
    },
    onError({ req, res }, error) {
      options.onError?.(error);
      sendError(res, 500, 'internal', t(requestLocale(req), 'auth.internal'));
    },
  });
}
