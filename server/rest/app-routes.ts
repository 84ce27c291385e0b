/**
 * The server's own REST: health and Prometheus metrics (ops-routes.ts), the target report, a project's attributed
 * history, the 项目办's undo (revert-routes.ts) and the latest signed digest of the history (#13 "anchored").
 * Inputs are checked with zod; every error is `{ error: { code, message } }` in the caller's language.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type * as Y from 'yjs';
import { z } from 'zod';
import { toWorkspaceData } from '../../shared/model/bundles';
import { parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { validValues } from '../../shared/model/result';
import { describeEntry, historyNames } from '../../shared/history/describe-entry';
import { readSummary } from '../../shared/model/summary';
import { readWorkspace } from '../../shared/model/workspace-read';
import { CalendarDateSchema, ProjectIdSchema } from '../../shared/schema/common';
import type { HistoryAnchor } from '../../shared/schema/history-anchor';
import type { MemberLookup } from '../auth/invites';
import { projectHistoryReadable, type Principal, type WorkspaceView } from '../../shared/rights';
import type { ActivityIndex } from '../activity/activity-index';
import { workspaceViewFromDoc } from '../auth/workspace-view';
import type { TokenService } from '../auth/tokens';
import type { DocumentHost } from '../derive/summary-deriver';
import { shanghaiToday } from '../derive/shanghai-day';
import type { AnchorSource } from '../audit/anchor-source';
import { createCallerLimiter, DEFAULT_ANCHOR_CALLER_LIMITS, DEFAULT_HISTORY_CALLER_LIMITS, type CallerLimits } from './caller-limiter';
import { activityHandler } from './activity-route';
import { createHistoryPages, type HistoryPages } from './history-pages';
import { opsRoutes, type OpsRoutesOptions } from './ops-routes';
import { requestLocale, sendError, sendJson, type RestEnv } from './respond';
import { revertRoutes } from './revert-routes';
import type { ScopeLimits } from '../audit/scope-plan';
import { targetReport } from './target-report';
import { valid } from './validate';
import { workspaceCaller } from './workspace-token';

export interface AppRoutesOptions extends OpsRoutesOptions {
  tokens: TokenService;
  documents: DocumentHost;
  lookupMember: MemberLookup;
  /** The history route's cache and per-member limits; built from `store` with the defaults when absent. */
  history?: { pages?: HistoryPages; callerLimits?: CallerLimits };
  /** The latest signed digest and the signing key (DATA_DIR); absent: the route answers that none is known. */
  anchor?: { source?: AnchorSource; callerLimits?: CallerLimits };
  /** The undo routes' caps on one request and per-admin limits; the defaults when absent. */
  revert?: { limits?: ScopeLimits; callerLimits?: CallerLimits };
  /** The workspace-wide activity (GET …/activity); the route answers 404 without it. */
  activity?: { index: ActivityIndex; callerLimits?: CallerLimits };
  /** The rights view of a loaded workspace document (the live rights' cached one); read afresh when absent. */
  viewOf?: (doc: Y.Doc) => WorkspaceView;
}

export const HISTORY_PAGE_MAX = 200;

const TargetsQuerySchema = z.object({ asOf: z.optional(CalendarDateSchema) });
const HistoryQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});

/** A project id that names a project document of the caller's workspace; anything else is not found. */
const ProjectParamSchema = z.object({ pid: ProjectIdSchema });

type Member = RestEnv & { Variables: { principal: Principal } };

export function appRoutes(options: AppRoutesOptions): Hono<RestEnv> {
  const { documents, store } = options;
  const historyPages = options.history?.pages ?? createHistoryPages({ store });
  const historyCallers = createCallerLimiter(options.history?.callerLimits ?? DEFAULT_HISTORY_CALLER_LIMITS, options.now);
  const anchorCallers = createCallerLimiter(options.anchor?.callerLimits ?? DEFAULT_ANCHOR_CALLER_LIMITS, options.now);
  const viewOf = options.viewOf ?? workspaceViewFromDoc;

  /** Reads a document through the sync server, releasing it whatever happens. */
  async function readHeld<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const held = await documents.getDocument(name);
    try {
      return read(held.doc);
    } finally {
      held.release();
    }
  }

  /** A valid token for the workspace of `:id` whose member is current there (401 or 403 otherwise). */
  const member = createMiddleware<Member>(async (c, next) => {
    const caller = await workspaceCaller(c, options.tokens);
    if (!caller.ok) return caller.response;
    const { principal } = caller;
    // a token of someone the document does not list (the wall display's) reads; an archived member does not
    const standing = await options.lookupMember(caller.workspaceId, principal.memberId);
    if (standing?.archived) return sendError(c, 403, 'forbidden', 'rest.notMember');
    c.set('principal', principal);
    await next();
  });

  return new Hono<RestEnv>()
    .route('/', opsRoutes(options))
    .route('/', revertRoutes({ tokens: options.tokens, documents, lookupMember: options.lookupMember, store, now: options.now, ...options.revert }))
    .get(
      '/api/workspaces/:id/targets',
      member,
      valid('query', TargetsQuerySchema, (c) => sendError(c, 400, 'bad_as_of', 'rest.asOf')),
      async (c) => {
        const asOf = c.req.valid('query').asOf ?? shanghaiToday(options.now());
        const workspaceId = c.var.principal.workspaceId;
        const data = await readHeld(workspaceDocName(workspaceId), (doc) => toWorkspaceData(readWorkspace(doc)).data);
        if (!data) return sendError(c, 404, 'workspace_empty', 'rest.workspaceEmpty');
        const rows = await readHeld(summaryDocName(workspaceId), (doc) => validValues(readSummary(doc).rows));
        return sendJson(c, 200, { workspaceId, asOf, targets: targetReport(data, rows, asOf) });
      },
    )
    .get(
      '/api/workspaces/:id/projects/:pid/history',
      member,
      valid('query', HistoryQuerySchema, (c) => sendError(c, 400, 'bad_page', 'rest.page')),
      valid('param', ProjectParamSchema, (c) => sendError(c, 404, 'not_found', 'rest.notFound')),
      async (c) => {
        const { principal } = c.var;
        const { pid } = c.req.valid('param');
        const { after, limit } = c.req.valid('query');
        const name = projectDocName(principal.workspaceId, pid);
        if (parseDocName(name)?.kind !== 'project') return sendError(c, 404, 'not_found', 'rest.notFound');
        // what the socket would let this member read, and no more (shared/rights)
        const view = await readHeld(workspaceDocName(principal.workspaceId), viewOf);
        if (!projectHistoryReadable(principal, name, view)) return sendError(c, 403, 'forbidden', 'rest.history.forbidden');
        // Per member, not per token: a member's devices share one budget.
        const admitted = historyCallers.admit(`${principal.workspaceId}\u0000${principal.memberId}`);
        if (!admitted.ok) return sendError(c, 429, 'too_many_requests', 'rest.tooManyRequests', { 'retry-after': String(admitted.retryAfterSeconds) });
        try {
          const page = await historyPages.page(name, after, limit);
          if (!page) return sendError(c, 404, 'not_found', 'rest.notFound');
          // each entry also in plain words, in the caller's language, with the people and units named (#13)
          const names = await readHeld(workspaceDocName(principal.workspaceId), (doc) => {
            const workspace = readWorkspace(doc);
            return historyNames(validValues(workspace.members), validValues(workspace.units));
          });
          const locale = requestLocale(c);
          const entries = page.entries.map((entry) => ({ ...entry, summary: describeEntry(entry, { locale, names }) }));
          return sendJson(c, 200, { projectId: pid, entries, nextAfter: page.nextAfter });
        } finally {
          admitted.done();
        }
      },
    )
    .get('/api/workspaces/:id/history-anchor', member, async (c) => {
      const { principal } = c.var;
      const admitted = anchorCallers.admit(`${principal.workspaceId}\u0000${principal.memberId}`);
      if (!admitted.ok) return sendError(c, 429, 'too_many_requests', 'rest.tooManyRequests', { 'retry-after': String(admitted.retryAfterSeconds) });
      try {
        // one digest signs every document of the server, this workspace's among them
        const known = (await options.anchor?.source?.read()) ?? { latest: null, key: null };
        const body: HistoryAnchor = { workspaceId: principal.workspaceId, ...known };
        return sendJson(c, 200, body);
      } finally {
        admitted.done();
      }
    })
    .get(
      '/api/workspaces/:id/activity',
      member,
      options.activity
        ? activityHandler({
            index: options.activity.index,
            limiter: createCallerLimiter(options.activity.callerLimits ?? DEFAULT_HISTORY_CALLER_LIMITS, options.now),
            readHeld,
            viewOf,
          })
        : (c) => sendError(c, 404, 'not_found', 'rest.activity.unavailable'),
    );
}
