/**
 * The caller of a `/api/workspaces/:id/…` route: a valid bearer token whose workspace is `:id`. One check for every
 * such route, so none can forget the workspace comparison (a token of one county must not read another's).
 */
import type { Context } from 'hono';
import type { Principal } from '../../shared/rights';
import { IdSchema } from '../../shared/schema/common';
import type { TokenService } from '../auth/tokens';
import { bearerToken, sendError } from './respond';
import { TOKEN_MESSAGE } from './token-messages';

export type WorkspaceCaller = { ok: true; principal: Principal; workspaceId: string } | { ok: false; response: Response };

/** 401 for a missing or refused token, 403 when `:id` is not the token's workspace. */
export async function workspaceCaller(c: Context, tokens: TokenService): Promise<WorkspaceCaller> {
  const verified = await tokens.verify(bearerToken(c));
  if (!verified.ok) return { ok: false, response: sendError(c, 401, `token.${verified.failure}`, TOKEN_MESSAGE[verified.failure]) };
  const id = IdSchema.safeParse(c.req.param('id'));
  const { principal } = verified;
  if (!id.success || principal.workspaceId !== id.data) return { ok: false, response: sendError(c, 403, 'forbidden', 'rest.notMember') };
  return { ok: true, principal, workspaceId: id.data };
}
