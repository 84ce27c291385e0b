/**
 * Undo from the board (issue #13 "restorable"), for the 项目办 only (shared/rights canRestore):
 * `POST /api/workspaces/:id/revert/preview` and `…/revert/apply`, body `{member, from, to, project?}` (a member's
 * changes in a window, one project or the whole workspace) or `{project, at}` (one project back to a time).
 * The preview answers each project's plan and a hash of it; apply re-plans from the stored history, refuses with 409
 * and the new preview when the plan is no longer the one previewed, and otherwise writes each project's change into its
 * live room under the admin's name, so connected clients receive it at once. What one request may read is capped
 * (413, asking to narrow the scope) and each admin's requests are rate-limited.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { t } from '../../shared/i18n';
import { workspaceDocName } from '../../shared/model/doc-names';
import { validValues } from '../../shared/model/result';
import { readWorkspace } from '../../shared/model/workspace-read';
import { effectiveRole, canRestore, type Principal } from '../../shared/rights';
import { IdSchema, ProjectIdSchema } from '../../shared/schema/common';
import { applyRevert, type RevertOutcome } from '../audit/revert-plan';
import { parseTime, planScope, planWrites, type ProjectPlan, type RestoreScope, type ScopeLimits } from '../audit/scope-plan';
import type { MemberLookup } from '../auth/invites';
import type { TokenService } from '../auth/tokens';
import type { DocumentHost } from '../derive/summary-deriver';
import type { DocumentStore } from '../storage/document-store';
import { createCallerLimiter, type CallerLimits } from './caller-limiter';
import { requestLocale, sendError, sendJson, type RestEnv } from './respond';
import { jsonBody } from './validate';
import { workspaceCaller } from './workspace-token';

/**
 * The replay costs 1.5–7 ms per stored update here (it reads the whole document after each one: 4199 updates of ten
 * busy projects took 28 s), synchronously within one project. 3000 updates is a few seconds at worst; a bigger scope
 * (the whole workspace of a county or a city) is the CLI's job, not one request's.
 */
export const DEFAULT_REVERT_LIMITS: ScopeLimits = { maxProjects: 50, maxUpdates: 3_000 };

/** A preview, then an apply, sometimes a second preview: a few a minute per admin, one at a time. */
export const DEFAULT_REVERT_CALLER_LIMITS: CallerLimits = { inFlight: 1, perMinute: 12, burst: 6, maxCallers: 1_000 };

export interface RevertRoutesOptions {
  tokens: TokenService;
  documents: DocumentHost;
  lookupMember: MemberLookup;
  store: DocumentStore;
  now: () => number;
  limits?: ScopeLimits;
  callerLimits?: CallerLimits;
}

const IsoTimeSchema = z.string().max(40);

/** What the admin asks for; the combination is checked by `scopeOf` (a clear 400, never a guess). */
export const RevertRequestSchema = z.strictObject({
  member: z.optional(IdSchema),
  project: z.optional(ProjectIdSchema),
  from: z.optional(IsoTimeSchema),
  to: z.optional(IsoTimeSchema),
  at: z.optional(IsoTimeSchema),
});
export type RevertRequest = z.infer<typeof RevertRequestSchema>;

/** Apply carries the hash of the plan its admin previewed. */
const ApplyRequestSchema = RevertRequestSchema.extend({ plan: z.string().regex(/^[0-9a-f]{64}$/) });

export function scopeOf(request: RevertRequest): RestoreScope | null {
  if (request.at !== undefined) {
    if (request.project === undefined || request.member !== undefined || request.from !== undefined || request.to !== undefined) return null;
    const at = parseTime(request.at);
    return at === null ? null : { kind: 'at', projectId: request.project, at };
  }
  if (request.member === undefined) return null;
  const from = parseTime(request.from);
  const to = parseTime(request.to);
  if (from === null || to === null || from > to) return null;
  return { kind: 'member', memberId: request.member, from, to, projectId: request.project ?? null };
}

/** The plan's fingerprint: the same stored history and scope give the same hash. */
export function planHash(scope: RestoreScope, projects: readonly ProjectPlan[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ scope, projects: projects.map((p) => ({ docName: p.docName, plan: p.plan })) }))
    .digest('hex');
}

type Admin = RestEnv & { Variables: { principal: Principal } };

export function revertRoutes(options: RevertRoutesOptions): Hono<RestEnv> {
  const limits = options.limits ?? DEFAULT_REVERT_LIMITS;
  const callers = createCallerLimiter(options.callerLimits ?? DEFAULT_REVERT_CALLER_LIMITS, options.now);

  /** A valid token of `:id` whose member is, by the workspace document, in the 项目办 (401 or 403 otherwise). */
  const admin = createMiddleware<Admin>(async (c, next) => {
    const caller = await workspaceCaller(c, options.tokens);
    if (!caller.ok) return caller.response;
    const { principal } = caller;
    const standing = await options.lookupMember(caller.workspaceId, principal.memberId);
    const view = { members: standing ? [{ id: principal.memberId, ...standing }] : [], registry: [] };
    if (!canRestore(effectiveRole(principal, view))) return sendError(c, 403, 'forbidden', 'rest.revert.forbidden');
    c.set('principal', principal);
    await next();
  });

  /** The project names of the registry, by id (a project not registered is named by its id). */
  async function projectNames(workspaceId: string): Promise<Map<string, string>> {
    const held = await options.documents.getDocument(workspaceDocName(workspaceId));
    try {
      return new Map(validValues(readWorkspace(held.doc).registry).map((entry) => [entry.id, entry.name]));
    } finally {
      held.release();
    }
  }

  async function preview(workspaceId: string, scope: RestoreScope, projects: ProjectPlan[]) {
    const names = await projectNames(workspaceId);
    return {
      plan: planHash(scope, projects),
      projects: projects.map(({ projectId, plan }) => ({
        projectId,
        name: names.get(projectId) ?? projectId,
        restores: plan.restores,
        archives: plan.archives,
        conflicts: plan.conflicts,
        kept: plan.kept,
      })),
    };
  }

  /** Plans the request under the caps, or answers why not (400, 404, 413, 429). */
  async function plan(c: Context<Admin>, request: RevertRequest): Promise<{ scope: RestoreScope; projects: ProjectPlan[] } | Response> {
    const scope = scopeOf(request);
    if (scope === null) return sendError(c, 400, 'bad_scope', 'rest.revert.badScope');
    const planned = await planScope(options.store, c.var.principal.workspaceId, scope, limits);
    if (planned.ok) return { scope, projects: planned.projects };
    if (planned.reason === 'noProject') return sendError(c, 404, 'not_found', 'rest.revert.noProject');
    const key = planned.limit === 'maxProjects' ? 'rest.revert.tooManyProjects' : 'rest.revert.tooManyUpdates';
    return sendJson(c, 413, {
      error: { code: 'scope_too_large', message: t(requestLocale(c), key, { max: planned.max }), limit: planned.limit, max: planned.max },
    });
  }

  /** Runs `work` within the admin's budget (429 when it is spent or a request of theirs is under way). */
  async function limited(c: Context<Admin>, work: () => Promise<Response>): Promise<Response> {
    const { principal } = c.var;
    const admitted = callers.admit(`${principal.workspaceId}\u0000${principal.memberId}`);
    if (!admitted.ok) return sendError(c, 429, 'too_many_requests', 'rest.tooManyRequests', { 'retry-after': String(admitted.retryAfterSeconds) });
    try {
      return await work();
    } finally {
      admitted.done();
    }
  }

  return new Hono<RestEnv>()
    .post('/api/workspaces/:id/revert/preview', admin, jsonBody(RevertRequestSchema), (c) =>
      limited(c, async () => {
        const planned = await plan(c, c.req.valid('json'));
        if (planned instanceof Response) return planned;
        return sendJson(c, 200, await preview(c.var.principal.workspaceId, planned.scope, planned.projects));
      }),
    )
    .post('/api/workspaces/:id/revert/apply', admin, jsonBody(ApplyRequestSchema), (c) =>
      limited(c, async () => {
        const { plan: previewed, ...request } = c.req.valid('json');
        const planned = await plan(c, request);
        if (planned instanceof Response) return planned;
        const { principal } = c.var;
        if (planHash(planned.scope, planned.projects) !== previewed) {
          const message = t(requestLocale(c), 'rest.revert.stale');
          return sendJson(c, 409, {
            error: { code: 'stale_preview', message },
            preview: await preview(principal.workspaceId, planned.scope, planned.projects),
          });
        }
        const author = { memberId: principal.memberId, at: options.now() };
        const results: Array<{ projectId: string; outcome: RevertOutcome }> = [];
        for (const { docName, projectId, plan: projectPlan } of planned.projects) {
          if (!planWrites(projectPlan)) continue;
          const held = await options.documents.getDocument(docName);
          try {
            let outcome: RevertOutcome = { restored: [], archived: [], refused: [] };
            // into the live room: stored under the admin's name, then sent to every connected client
            await held.write((doc) => {
              outcome = applyRevert(doc, projectPlan, author);
            }, principal.memberId);
            results.push({ projectId, outcome });
          } finally {
            held.release();
          }
        }
        return sendJson(c, 200, {
          written: results.filter((r) => r.outcome.restored.length > 0 || r.outcome.archived.length > 0).length,
          projects: results.map(({ projectId, outcome }) => ({
            projectId,
            restored: outcome.restored.length,
            archived: outcome.archived.length,
            refused: outcome.refused,
          })),
        });
      }),
    );
}
