/**
 * Asks the server for the latest signed history digest (GET /api/workspaces/:id/history-anchor, #13 "anchored") and
 * checks the answer's shape. Offline, refused, slow or malformed: "unavailable" — the exports and the wall then say
 * 未取得存证摘要, never print a value of their own.
 */
import { ANCHOR_UNAVAILABLE, type AnchorStatus } from '../shared/history/anchor-note';
import { HistoryAnchorSchema } from '../shared/schema/history-anchor';

export interface AnchorRequest {
  serverUrl: string;
  workspaceId: string;
  token: string;
  fetch?: typeof fetch;
  /** An export waits this long at most (ms) before it goes out saying 未取得. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export async function fetchHistoryAnchor(request: AnchorRequest): Promise<AnchorStatus> {
  const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const url = `${request.serverUrl}/api/workspaces/${encodeURIComponent(request.workspaceId)}/history-anchor`;
    const response = await doFetch(url, { headers: { authorization: `Bearer ${request.token}` }, signal: controller.signal });
    if (!response.ok) return ANCHOR_UNAVAILABLE;
    const parsed = HistoryAnchorSchema.safeParse(await response.json());
    // an answer about another workspace is no answer about this one
    if (!parsed.success || parsed.data.workspaceId !== request.workspaceId) return ANCHOR_UNAVAILABLE;
    return { kind: 'known', anchor: parsed.data };
  } catch {
    return ANCHOR_UNAVAILABLE;
  } finally {
    clearTimeout(timer);
  }
}
