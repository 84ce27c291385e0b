/**
 * The server's own REST: health, Prometheus metrics, the target report and a project's attributed history.
 * Inputs are checked with zod; every error is `{ error: { code, message } }` in the caller's language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { t, type MessageKey } from '../../shared/i18n';
import { toWorkspaceData } from '../../shared/model/bundles';
import { parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { validValues } from '../../shared/model/result';
import { readSummary } from '../../shared/model/summary';
import { readWorkspace } from '../../shared/model/workspace-read';
import { CalendarDateSchema, IdSchema, ProjectIdSchema, type Locale } from '../../shared/schema/common';
import type { MemberLookup } from '../auth/invites';
import type { Principal } from '../../shared/rights';
import type { TokenFailure, TokenService } from '../auth/tokens';
import type { DocumentHost } from '../derive/summary-deriver';
import { shanghaiToday } from '../derive/shanghai-day';
import type { SyncMetrics } from '../metrics';
import type { DocumentStore } from '../storage/document-store';
import type { SyncStats } from '../sync';
import { createCallerLimiter, DEFAULT_HISTORY_CALLER_LIMITS, type CallerLimits } from './caller-limiter';
import { createHistoryPages, type HistoryPages } from './history-pages';
import { bearerToken, requestLocale, sendError, sendJson } from './http-json';
import type { Route } from './router';
import { targetReport } from './target-report';
import { TOKEN_MESSAGE } from './token-messages';

export interface AppRoutesOptions {
  tokens: TokenService;
  documents: DocumentHost;
  store: DocumentStore;
  metrics: SyncMetrics;
  stats: () => SyncStats;
  lookupMember: MemberLookup;
  startedAt: number;
  now: () => number;
  /** The history route's cache and per-member limits; built from `store` with the defaults when absent. */
  history?: { pages?: HistoryPages; callerLimits?: CallerLimits };
}

export const HISTORY_PAGE_MAX = 200;

const TargetsQuerySchema = z.object({ asOf: CalendarDateSchema.optional() });
const HistoryQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

function fail(res: ServerResponse, locale: Locale, status: number, code: string, key: MessageKey): void {
  sendError(res, status, code, t(locale, key));
}

export function appRoutes(options: AppRoutesOptions): Route[] {
  const { documents, store } = options;
  const historyPages = options.history?.pages ?? createHistoryPages({ store });
  const historyCallers = createCallerLimiter(options.history?.callerLimits ?? DEFAULT_HISTORY_CALLER_LIMITS, options.now);

  /** The caller's principal when their token is valid for this workspace and they are a current member; else answers. */
  async function memberOf(req: IncomingMessage, res: ServerResponse, workspaceId: string | undefined): Promise<Principal | null> {
    const locale = requestLocale(req);
    const verified = await options.tokens.verify(bearerToken(req));
    if (!verified.ok) {
      fail(res, locale, 401, `token.${verified.failure}`, TOKEN_MESSAGE[verified.failure]);
      return null;
    }
    const id = IdSchema.safeParse(workspaceId);
    const standing = id.success && verified.principal.workspaceId === id.data ? await options.lookupMember(id.data, verified.principal.memberId) : null;
    if (!id.success || verified.principal.workspaceId !== id.data || standing?.archived) {
      fail(res, locale, 403, 'forbidden', 'rest.notMember');
      return null;
    }
    return verified.principal;
  }

  return [
    {
      method: 'GET',
      pattern: '/health',
      async handler({ res }) {
        let storageOk = true;
        try {
          await store.pendingSinceSnapshot('health/probe');
        } catch {
          storageOk = false;
        }
        const stats = options.stats();
        sendJson(res, storageOk ? 200 : 503, {
          ok: storageOk,
          uptimeSeconds: Math.round((options.now() - options.startedAt) / 1000),
          documentsLoaded: stats.documentsLoaded,
          connections: stats.connections,
          storage: { ok: storageOk },
        });
      },
    },
    {
      method: 'GET',
      pattern: '/metrics',
      async handler({ res }) {
        const text = await options.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
    },
    {
      method: 'GET',
      pattern: '/api/workspaces/:id/targets',
      async handler({ req, res, params, url }) {
        const locale = requestLocale(req);
        const principal = await memberOf(req, res, params.id);
        if (!principal) return;
        const q = TargetsQuerySchema.safeParse(query(url));
        if (!q.success) return fail(res, locale, 400, 'bad_as_of', 'rest.asOf');
        const asOf = q.data.asOf ?? shanghaiToday(options.now());
        const workspaceId = principal.workspaceId;
        const held = await documents.getDocument(workspaceDocName(workspaceId));
        let data;
        try {
          data = toWorkspaceData(readWorkspace(held.doc)).data;
        } finally {
          held.release();
        }
        if (!data) return fail(res, locale, 404, 'workspace_empty', 'rest.workspaceEmpty');
        const summary = await documents.getDocument(summaryDocName(workspaceId));
        let rows;
        try {
          rows = validValues(readSummary(summary.doc).rows);
        } finally {
          summary.release();
        }
        sendJson(res, 200, { workspaceId, asOf, targets: targetReport(data, rows, asOf) });
      },
    },
    {
      method: 'GET',
      pattern: '/api/workspaces/:id/projects/:pid/history',
      async handler({ req, res, params, url }) {
        const locale = requestLocale(req);
        const principal = await memberOf(req, res, params.id);
        if (!principal) return;
        const q = HistoryQuerySchema.safeParse(query(url));
        if (!q.success) return fail(res, locale, 400, 'bad_page', 'rest.page');
        const pid = ProjectIdSchema.safeParse(params.pid);
        const name = pid.success ? projectDocName(principal.workspaceId, pid.data) : '';
        if (!pid.success || parseDocName(name)?.kind !== 'project') return fail(res, locale, 404, 'not_found', 'rest.notFound');
        // Per member, not per token: a member's devices share one budget.
        const admitted = historyCallers.admit(`${principal.workspaceId}\u0000${principal.memberId}`);
        if (!admitted.ok) {
          sendError(res, 429, 'too_many_requests', t(locale, 'rest.tooManyRequests'), { 'retry-after': String(admitted.retryAfterSeconds) });
          return;
        }
        try {
          const page = await historyPages.page(name, q.data.after, q.data.limit);
          if (!page) return fail(res, locale, 404, 'not_found', 'rest.notFound');
          sendJson(res, 200, { projectId: pid.data, ...page });
        } finally {
          admitted.done();
        }
      },
    },
  ];
}
