import { z } from 'zod';
import type { MessageKey } from '../shared/i18n';
import { IdSchema, TimestampSchema } from '../shared/schema/common';
import { RoleSchema } from '../shared/schema/member';
import { readWorkspace, readWorkspaces, workspaceKey, type GuatuDb, type JoinedWorkspace } from './db';
import { deleteLocalDocuments } from './local-documents';
import { normalizeServerUrl } from './server-url';
import type { Result } from '../shared/result';

export type JoinFailure = 'badAddress' | 'unreachable' | 'unknownCode' | 'usedCode' | 'expiredCode' | 'revokedCode' | 'server';
export type JoinOutcome = Result<{ workspace: JoinedWorkspace }, { reason: JoinFailure }>;

/** The plain-words message for each way joining can fail. */
export const JOIN_FAILURE_MESSAGE: Record<JoinFailure, MessageKey> = {
  badAddress: 'client.join.badAddress',
  unreachable: 'client.join.unreachable',
  unknownCode: 'client.join.unknownCode',
  usedCode: 'client.join.usedCode',
  expiredCode: 'client.join.expiredCode',
  revokedCode: 'client.join.revokedCode',
  server: 'client.join.server',
};

export interface JoinOptions {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Sent as Accept-Language, so the server's own error text matches the UI. */
  locale?: string;
}

/** What `POST /api/join` answers (server/rest/auth-routes.ts). */
const JoinAnswerSchema = z.object({
  token: z.string().min(1),
  workspaceId: IdSchema,
  memberId: IdSchema,
  role: RoleSchema,
  expiresAt: TimestampSchema,
});

const ErrorAnswerSchema = z.object({ error: z.object({ code: z.string() }) });

const ERROR_REASON: Record<string, JoinFailure> = {
  'invite.unknown': 'unknownCode',
  'invite.used': 'usedCode',
  'invite.expired': 'expiredCode',
  'invite.revoked': 'revokedCode',
  // A code the server cannot even read is, to the person typing it, a code that does not exist.
  bad_request: 'unknownCode',
};

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Joins a workspace with an invite code: asks the server for a token and stores the workspace in Dexie.
 * Joining the same workspace again (a new code for the same member) replaces the token.
 */
export async function joinWorkspace(db: GuatuDb, serverUrlInput: string, code: string, options: JoinOptions = {}): Promise<JoinOutcome> {
  const serverUrl = normalizeServerUrl(serverUrlInput);
  if (serverUrl === null) return { ok: false, reason: 'badAddress' };
  const typed = code.trim();
  if (typed === '') return { ok: false, reason: 'unknownCode' };
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;

  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.locale ? { 'accept-language': options.locale } : {}) },
      body: JSON.stringify({ code: typed }),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = ErrorAnswerSchema.safeParse(body);
    return { ok: false, reason: (error.success && ERROR_REASON[error.data.error.code]) || 'server' };
  }
  const answer = JoinAnswerSchema.safeParse(body);
  // A 200 that is not our answer: something else listens at that address.
  if (!answer.success) return { ok: false, reason: 'server' };

  const key = workspaceKey(serverUrl, answer.data.workspaceId);
  const before = await readWorkspace(db, key);
  const sameMember = before?.memberId === answer.data.memberId;
  const workspace: JoinedWorkspace = {
    key,
    serverUrl,
    workspaceId: answer.data.workspaceId,
    workspaceName: before?.workspaceName ?? '',
    memberId: answer.data.memberId,
    memberName: sameMember ? before.memberName : '',
    role: answer.data.role,
    token: answer.data.token,
    expiresAt: answer.data.expiresAt,
    joinedAt: now(),
  };
  await db.transaction('rw', db.workspaces, db.projections, async () => {
    await db.workspaces.put(workspace);
    // Another member's checklist must not show under the new one.
    if (!sameMember) await db.projections.delete(key);
  });
  return { ok: true, workspace };
}

/** Leaves a workspace: forgets its token, checklist and notification state, and deletes its local documents. */
export async function leaveWorkspace(db: GuatuDb, key: string): Promise<void> {
  await db.transaction('rw', db.workspaces, db.projections, db.notifications, async () => {
    await db.workspaces.delete(key);
    await db.projections.delete(key);
    await db.notifications.where('id').startsWith(`${key}|`).delete();
  });
  await deleteLocalDocuments(key);
}

/** Joined workspaces that validate, oldest first. */
export function listWorkspaces(db: GuatuDb): Promise<JoinedWorkspace[]> {
  return readWorkspaces(db);
}

/** True once the workspace's token has expired: the server would refuse it with 4401, so do not try. */
export function isExpired(ws: Pick<JoinedWorkspace, 'expiresAt'>, now: number): boolean {
  return ws.expiresAt <= now;
}
