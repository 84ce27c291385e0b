import { z } from 'zod';
import { RevertPreviewSchema, type RevertApi, type RevertAsk, type RevertPreview } from '../../client/view-models/board/revert-preview';

const ErrorSchema = z.object({ error: z.object({ code: z.string().max(64), message: z.string().max(2_000) }), preview: RevertPreviewSchema.optional() });
const AppliedSchema = z.object({
  written: z.number(),
  projects: z.array(z.object({ restored: z.number(), archived: z.number() })).max(1_000),
});

function bodyOf(ask: RevertAsk): Record<string, string> {
  if (ask.kind === 'at') return { project: ask.projectId, at: new Date(ask.at).toISOString() };
  return {
    member: ask.member,
    from: new Date(ask.from).toISOString(),
    to: new Date(ask.to).toISOString(),
    ...(ask.projectId === null ? {} : { project: ask.projectId }),
  };
}

/** POST /api/workspaces/:id/revert/preview and /apply with the admin's token (server/rest/revert-routes.ts). */
export function revertApi(request: { serverUrl: string; workspaceId: string; token: string; locale: string; fetch?: typeof fetch }): RevertApi {
  const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis);
  async function post(path: 'preview' | 'apply', body: object): Promise<{ status: number; json: unknown } | null> {
    try {
      const response = await doFetch(`${request.serverUrl}/api/workspaces/${encodeURIComponent(request.workspaceId)}/revert/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json', 'accept-language': request.locale },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    } catch {
      return null;
    }
  }
  function refusal(answer: { json: unknown } | null): { ok: false; message: string | null; preview?: RevertPreview } {
    const parsed = ErrorSchema.safeParse(answer?.json);
    if (!parsed.success) return { ok: false, message: null };
    return { ok: false, message: parsed.data.error.message, ...(parsed.data.preview ? { preview: parsed.data.preview } : {}) };
  }
  return {
    async preview(ask) {
      const answer = await post('preview', bodyOf(ask));
      if (answer?.status !== 200) return refusal(answer);
      const parsed = RevertPreviewSchema.safeParse(answer.json);
      return parsed.success ? { ok: true, preview: parsed.data } : { ok: false, message: null };
    },
    async apply(ask, plan) {
      const answer = await post('apply', { ...bodyOf(ask), plan });
      if (answer?.status !== 200) return refusal(answer);
      const parsed = AppliedSchema.safeParse(answer.json);
      if (!parsed.success) return { ok: false, message: null };
      const sum = (pick: (p: { restored: number; archived: number }) => number) => parsed.data.projects.reduce((n, p) => n + pick(p), 0);
      return { ok: true, written: parsed.data.written, restored: sum((p) => p.restored), archived: sum((p) => p.archived) };
    },
  };
}
