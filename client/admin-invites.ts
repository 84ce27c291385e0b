/**
 * Invites from the admin console: created, listed and revoked over the server's REST API with the admin's own token
 * (server/rest/auth-routes.ts). Invites live on the server (only a code's hash is stored), so unlike every other
 * console edit they need the network: offline is a clear answer of its own, not an error.
 */
import { z } from 'zod';
import { IdSchema, NameSchema, TimestampSchema } from '../shared/schema/common';
import { RankSchema, RoleSchema, type Rank, type Role } from '../shared/schema/member';
import type { Result } from '../shared/result';
import type { JoinedWorkspace } from './db';

export type InviteFailure = 'offline' | 'forbidden' | 'expiredToken' | 'notOpen' | 'badInput' | 'server';
export type InviteOutcome<T extends object> = Result<T, { reason: InviteFailure; message?: string }>;

const ProfileSchema = z.object({ name: NameSchema, rank: RankSchema, unitId: z.nullable(IdSchema) });

export const OpenInviteSchema = z.object({
  id: z.string().min(1),
  memberId: IdSchema,
  role: RoleSchema,
  profile: ProfileSchema.nullable(),
  createdBy: z.string(),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});
export type OpenInvite = z.infer<typeof OpenInviteSchema>;

const CreatedSchema = z.object({ id: z.string().min(1), code: z.string().min(1), expiresAt: TimestampSchema, memberId: IdSchema, role: RoleSchema });
export type CreatedInvite = z.infer<typeof CreatedSchema>;

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

/** Who to invite: an existing member (a new computer) or a new person the server adds on joining. */
export type InviteRequest =
  | { role: Role; memberId: string; expiresInHours: number }
  | { role: Role; member: { name: string; rank: Rank; unitId: string | null }; expiresInHours: number };

export interface InviteClient {
  list(): Promise<InviteOutcome<{ invites: OpenInvite[] }>>;
  create(request: InviteRequest): Promise<InviteOutcome<{ invite: CreatedInvite }>>;
  revoke(inviteId: string): Promise<InviteOutcome<object>>;
}

export interface InviteClientOptions {
  fetch?: typeof globalThis.fetch;
  /** Sent as Accept-Language, so the server's own message matches the page. */
  locale?: string;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function failure(status: number, body: unknown): { ok: false; reason: InviteFailure; message?: string } {
  const parsed = ErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : '';
  const message = parsed.success ? parsed.data.error.message : undefined;
  const withMessage = message === undefined ? {} : { message };
  if (status === 401) return { ok: false, reason: 'expiredToken', ...withMessage };
  if (status === 403) return { ok: false, reason: 'forbidden', ...withMessage };
  if (status === 409 || code === 'invite.unknown') return { ok: false, reason: 'notOpen', ...withMessage };
  if (status === 400) return { ok: false, reason: 'badInput', ...withMessage };
  return { ok: false, reason: 'server', message: message ?? `HTTP ${status}` };
}

export function inviteClient(ws: Pick<JoinedWorkspace, 'serverUrl' | 'workspaceId' | 'token'>, options: InviteClientOptions = {}): InviteClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${ws.serverUrl}/api/workspaces/${encodeURIComponent(ws.workspaceId)}/invites`;
  const headers = { authorization: `Bearer ${ws.token}`, ...(options.locale ? { 'accept-language': options.locale } : {}) };

  async function call(url: string, init: RequestInit): Promise<Result<{ status: number; body: unknown }, { reason: 'offline' }>> {
    try {
      const response = await doFetch(url, { ...init, headers: { ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
      return { ok: true, status: response.status, body: await readJson(response) };
    } catch {
      return { ok: false, reason: 'offline' };
    }
  }

  return {
    async list() {
      const answer = await call(base, { method: 'GET' });
      if (!answer.ok) return answer;
      if (answer.status !== 200) return failure(answer.status, answer.body);
      const parsed = z.object({ invites: z.array(OpenInviteSchema) }).safeParse(answer.body);
      return parsed.success ? { ok: true, invites: parsed.data.invites } : { ok: false, reason: 'server' };
    },
    async create(request) {
      const answer = await call(base, { method: 'POST', body: JSON.stringify(request) });
      if (!answer.ok) return answer;
      if (answer.status !== 201) return failure(answer.status, answer.body);
      const parsed = CreatedSchema.safeParse(answer.body);
      return parsed.success ? { ok: true, invite: parsed.data } : { ok: false, reason: 'server' };
    },
    async revoke(inviteId) {
      const answer = await call(`${base}/${encodeURIComponent(inviteId)}`, { method: 'DELETE' });
      if (!answer.ok) return answer;
      return answer.status === 200 ? { ok: true } : failure(answer.status, answer.body);
    },
  };
}
