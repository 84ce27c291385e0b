/**
 * GET /api/workspaces/:id/activity (issue #13): the workspace-wide activity, newest first, a page at a time from the
 * activity index (never a replay). For the 项目办, leaders and 督查 (shared/rights canReadActivity); others get 403.
 * Filters: member, unit, project, kind, from/to (days in Asia/Shanghai, both included); `cursor` continues a page.
 * Each entry also in plain words, in the caller's language, naming people, units and the project.
 */
import type { Context } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import { describeEntry, personName } from '../../shared/history/describe-entry';
import { t, type MessageKey } from '../../shared/i18n';
import { projectDocName, workspaceDocName } from '../../shared/model/doc-names';
import { canReadActivity, effectiveRole, isInspector, projectHistoryReadable, type Principal, type WorkspaceView } from '../../shared/rights';
import { CalendarDateSchema, IdSchema, type ProjectId, ProjectIdSchema } from '../../shared/schema/common';
import { type ActivityFilter, type ActivityIndex, ACTIVITY_KIND_VALUES, decodeCursor, encodeCursor } from '../activity/activity-index';
import { workspaceDirectory } from '../activity/workspace-directory';
import type { CallerLimiter } from './caller-limiter';
import { requestLocale, sendError, sendJson, type RestEnv } from './respond';

export const ACTIVITY_PAGE_MAX = 200;

/** Each parameter with the hint its 400 gives. */
const PARAMS = {
  member: { schema: IdSchema, hint: 'rest.activity.hint.id' },
  unit: { schema: IdSchema, hint: 'rest.activity.hint.id' },
  project: { schema: ProjectIdSchema, hint: 'rest.activity.hint.id' },
  kind: { schema: z.enum(ACTIVITY_KIND_VALUES), hint: 'rest.activity.hint.kind' },
  from: { schema: CalendarDateSchema, hint: 'rest.activity.hint.date' },
  to: { schema: CalendarDateSchema, hint: 'rest.activity.hint.date' },
  limit: { schema: z.coerce.number().int().min(1).max(ACTIVITY_PAGE_MAX), hint: 'rest.activity.hint.limit' },
  cursor: { schema: z.string().max(200), hint: 'rest.activity.hint.cursor' },
} as const satisfies Record<string, { schema: z.core.$ZodType; hint: MessageKey }>;

type ParamName = keyof typeof PARAMS;

interface ActivityRequest {
  filter: ActivityFilter;
  cursor: ReturnType<typeof decodeCursor>;
  limit: number;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Midnight at the start of a day in Asia/Shanghai (no daylight saving). */
function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
}

/** The query as a filter, or the first parameter that is wrong and why. */
export function parseActivityQuery(query: Record<string, string | undefined>): ActivityRequest | { bad: ParamName; hint: MessageKey } {
  const values: Partial<Record<ParamName, unknown>> = {};
  for (const [name, { schema, hint }] of Object.entries(PARAMS) as [ParamName, (typeof PARAMS)[ParamName]][]) {
    const raw = query[name];
    if (raw === undefined || raw === '') continue;
    const parsed = z.safeParse(schema, raw);
    if (!parsed.success) return { bad: name, hint };
    values[name] = parsed.data;
  }
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (from !== undefined && to !== undefined && from > to) return { bad: 'from', hint: 'rest.activity.hint.range' };
  const cursorText = values.cursor as string | undefined;
  const cursor = cursorText === undefined ? null : decodeCursor(cursorText);
  if (cursorText !== undefined && cursor === null) return { bad: 'cursor', hint: 'rest.activity.hint.cursor' };
  const filter: ActivityFilter = {};
  if (values.member !== undefined) filter.memberId = values.member as string;
  if (values.unit !== undefined) filter.unitId = values.unit as string;
  if (values.project !== undefined) filter.projectId = values.project as string;
  if (values.kind !== undefined) filter.kind = values.kind as ActivityFilter['kind'];
  if (from !== undefined) filter.from = shanghaiMidnight(from);
  if (to !== undefined) filter.to = shanghaiMidnight(to) + DAY_MS;
  return { filter, cursor, limit: (values.limit as number | undefined) ?? 50 };
}

export interface ActivityRouteDeps {
  index: ActivityIndex;
  limiter: CallerLimiter;
  /** Reads the workspace document through the sync server, releasing it whatever happens. */
  readHeld<T>(name: string, read: (doc: Y.Doc) => T): Promise<T>;
  viewOf(doc: Y.Doc): WorkspaceView;
}

type MemberContext = Context<RestEnv & { Variables: { principal: Principal } }>;

/** The handler, behind the route's membership check (app-routes.ts). */
export function activityHandler(deps: ActivityRouteDeps): (c: MemberContext) => Promise<Response> {
  return async (c) => {
    const { principal } = c.var;
    const locale = requestLocale(c);
    const view = await deps.readHeld(workspaceDocName(principal.workspaceId), deps.viewOf);
    if (!canReadActivity(effectiveRole(principal, view), isInspector(principal.memberId, view))) {
      return sendError(c, 403, 'forbidden', 'rest.activity.forbidden');
    }
    const request = parseActivityQuery(c.req.query());
    if ('bad' in request) {
      const message = t(locale, 'rest.activity.badParam', { param: request.bad, hint: t(locale, request.hint) });
      return sendJson(c, 400, { error: { code: 'bad_query', message, param: request.bad } });
    }
    const admitted = deps.limiter.admit(`${principal.workspaceId}\u0000${principal.memberId}`);
    if (!admitted.ok) return sendError(c, 429, 'too_many_requests', 'rest.tooManyRequests', { 'retry-after': String(admitted.retryAfterSeconds) });
    try {
      const page = await deps.index.query({ workspaceId: principal.workspaceId, ...request });
      const directory = await deps.readHeld(workspaceDocName(principal.workspaceId), workspaceDirectory);
      const ctx = { locale, names: directory.names };
      // an inspector who is an observer does not read a project the registry does not list yet (rightsFor)
      const readable = page.entries.filter((e) => projectHistoryReadable(principal, projectDocName(e.workspaceId, e.projectId as ProjectId), view));
      const entries = readable.map((e) => ({
        projectId: e.projectId,
        projectName: directory.projectNames.get(e.projectId) ?? null,
        seq: e.seq,
        at: e.at,
        author: e.memberId,
        authorName: personName(e.memberId, ctx),
        unitId: e.unitId,
        unitName: e.unitId === null ? null : (directory.names.get(e.unitId) ?? null),
        kind: e.kind,
        action: e.action,
        changes: e.changes,
        summary: describeEntry({ author: e.memberId, changes: e.changes }, ctx),
      }));
      return sendJson(c, 200, { workspaceId: principal.workspaceId, entries, nextCursor: page.next ? encodeCursor(page.next) : null });
    } finally {
      admitted.done();
    }
  };
}
