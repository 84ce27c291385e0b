import { z } from 'zod';
import { HistoryChangeSchema } from '../../client/history-change-schema';
import { attributionDrift } from '../../shared/calc/attribution-drift';
import type { HistoryLine, HistoryResult } from '../../client/view-models/board/history-lines';

export type { HistoryLine, HistoryResult } from '../../client/view-models/board/history-lines';

// GET /api/workspaces/:id/projects/:pid/history → { projectId, entries: [{ seq, author, at, changes: [...] }], nextAfter }
const PageSchema = z.object({
  entries: z.array(z.object({ seq: z.number(), author: z.string().max(64), at: z.number(), changes: z.array(HistoryChangeSchema) })),
  nextAfter: z.number().int().nullable(),
});

/** Pages fetched at most (newest changes come last; a project's history rarely needs more). */
const MAX_PAGES = 20;
const PAGE_SIZE = 200;

export interface HistoryRequest {
  serverUrl: string;
  workspaceId: string;
  projectId: string;
  token: string;
  fetch?: typeof fetch;
}

/**
 * The project's attributed history as the server stored it (author and time from the server, never the client),
 * newest first. Offline or refused, the caller falls back to the document's own activity stream.
 */
export async function fetchProjectHistory(request: HistoryRequest): Promise<HistoryResult> {
  const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis);
  const lines: HistoryLine[] = [];
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${request.serverUrl}/api/workspaces/${encodeURIComponent(request.workspaceId)}/projects/${encodeURIComponent(request.projectId)}/history?after=${after}&limit=${PAGE_SIZE}`;
    let response: Response;
    try {
      response = await doFetch(url, { headers: { authorization: `Bearer ${request.token}` } });
    } catch {
      return { ok: false, reason: 'offline' };
    }
    if (response.status === 401 || response.status === 403) return { ok: false, reason: 'refused' };
    if (!response.ok) return { ok: false, reason: 'server' };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, reason: 'server' };
    }
    const parsed = PageSchema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'server' };
    for (const entry of parsed.data.entries) {
      // one line per stored update (one user action); the device's time when any value it wrote is dated far off
      let claimedAt: number | null = null;
      for (const change of entry.changes) claimedAt ??= attributionDrift(change.to, entry.at);
      lines.push({ by: entry.author, at: entry.at, changes: entry.changes, action: null, ...(claimedAt !== null ? { claimedAt } : {}) });
    }
    if (parsed.data.nextAfter === null || parsed.data.nextAfter <= after) break;
    after = parsed.data.nextAfter;
  }
  return { ok: true, source: 'server', lines: lines.reverse() };
}
