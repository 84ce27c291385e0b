/**
 * Fetches one page of the workspace-wide activity (GET /api/workspaces/:id/activity) and checks its shape: the
 * server is trusted for nothing it did not promise (sizes bounded, unknown fields dropped).
 */
import { z } from 'zod';
import type { Locale } from '../shared/schema/common';
import type { ActivityPageResult } from './view-models/activity/activity-feed';
import { HistoryChangeSchema } from './history-change-schema';

const PageSchema = z.object({
  entries: z
    .array(
      z.object({
        projectId: z.string().max(64),
        projectName: z.string().max(500).nullable(),
        seq: z.number().int(),
        at: z.number(),
        author: z.string().max(64),
        unitId: z.string().max(64).nullable(),
        kind: z.string().max(32),
        action: z.string().max(64),
        changes: z.array(HistoryChangeSchema).max(2_000),
      }),
    )
    .max(500),
  nextCursor: z.string().max(200).nullable(),
});
const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().max(500) }) });

export interface ActivityRequest {
  serverUrl: string;
  workspaceId: string;
  token: string;
  locale: Locale;
  /** The query made by activityQuery (filters, cursor, limit). */
  query: string;
  fetch?: typeof fetch;
}

export async function fetchActivityPage(request: ActivityRequest): Promise<ActivityPageResult> {
  const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis);
  const url = `${request.serverUrl}/api/workspaces/${encodeURIComponent(request.workspaceId)}/activity?${request.query}`;
  let response: Response;
  try {
    response = await doFetch(url, { headers: { authorization: `Bearer ${request.token}`, 'accept-language': request.locale } });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, reason: 'server' };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'refused' };
  if (response.status === 400) {
    const error = ErrorSchema.safeParse(body);
    return { ok: false, reason: 'badInput', ...(error.success ? { message: error.data.error.message } : {}) };
  }
  if (!response.ok) return { ok: false, reason: 'server' };
  const parsed = PageSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'server' };
  return { ok: true, entries: parsed.data.entries.map((e) => ({ ...e, changes: e.changes.map((c) => ({ ...c })) })), nextCursor: parsed.data.nextCursor };
}
