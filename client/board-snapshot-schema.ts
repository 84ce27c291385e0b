import { z } from 'zod';
import type { DispatchItem } from '../shared/calc/escalation';
import type { Ranking } from '../shared/calc/rankings';
import type { ThemeCheck } from '../shared/calc/themes';
import { RANKING_METRICS, RANKING_SUBJECTS } from '../shared/calc/rankings';
import { isMessageKey, type MessageKey } from '../shared/i18n';
import type { FieldError } from '../shared/schema/field-errors';
import { QuarterThemeSchema } from '../shared/schema/campaign';
import { TimestampSchema } from '../shared/schema/common';
import { EscalationLevelSchema } from '../shared/schema/problem';
import { CategorySchema } from '../shared/schema/project';
import { StageSchema } from '../shared/schema/stage';
import { TargetResultSchema } from '../shared/schema/summary';
import type { BoardContent } from './view-models/board/board-content';
import type { PipelineGroup } from './view-models/board/pipeline';
import { STAGE_RATE_KINDS } from './view-models/board/stage-rates';

/**
 * The board's display model (client/view-models/board/board-content.ts) as last derived, kept in Dexie so the board
 * paints before any Yjs document has loaded (the way the popup paints from its projection). It is a cache: a record
 * that does not validate is ignored and replaced by the next live derivation. Display strings are checked as strings
 * only (the live documents validate the real records); what decides a layout (stages, lights, levels, themes) is
 * checked against its enum. The schema is held to the display model's type in both directions (below), so the cache
 * cannot drift from what the board draws.
 */

/** Bumped when the shape changes: a record of another version is ignored, never migrated. */
export const BOARD_SNAPSHOT_VERSION = 2;

const DateSchema = z.string();
const NamedSchema = z.object({ id: z.string(), name: z.string() });

const MessageKeySchema = z.custom<MessageKey>((value) => typeof value === 'string' && isMessageKey(value));
const FieldErrorSchema = z.object({
  path: z.string(),
  key: MessageKeySchema,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
}) satisfies z.ZodType<FieldError>;

const ThemeBaseShape = {
  start: DateSchema,
  end: DateSchema,
  checkedAsOf: DateSchema,
  status: z.enum(['upcoming', 'current', 'passed', 'missed']),
  checks: z.array(
    z.object({
      targetId: z.string(),
      title: z.string(),
      share: z.number(),
      requiredShare: z.number(),
      passed: z.boolean(),
      rate: z.object({ actual: z.number(), goal: z.number(), unitLabel: z.string() }).optional(),
    }),
  ),
};
const QuarterNumberSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const ThemeCheckSchema = z.discriminatedUnion('kind', [
  z.object({ ...ThemeBaseShape, kind: z.literal('quarter'), quarter: QuarterNumberSchema, theme: QuarterThemeSchema }),
  z.object({ ...ThemeBaseShape, kind: z.literal('window'), windowId: z.string(), name: z.string() }),
]) satisfies z.ZodType<ThemeCheck>;

const DispatchItemSchema = z.object({
  kind: z.enum(['problem', 'milestone']),
  projectId: z.string(),
  projectName: z.string(),
  recordId: z.string(),
  title: z.string(),
  deadline: DateSchema,
  departmentId: z.string().nullable(),
  ownerId: z.string().nullable(),
  level: EscalationLevelSchema,
  daysOverdue: z.number(),
  closeRequested: z.boolean().optional(),
}) satisfies z.ZodType<DispatchItem>;

/** How many active projects stand at one stage with one unit, county and category: what the pipeline counts. */
const PipelineGroupSchema = z.object({
  stage: StageSchema,
  unitId: z.string().nullable(),
  countyId: z.string().nullable(),
  category: CategorySchema,
  count: z.number().int().min(0),
}) satisfies z.ZodType<PipelineGroup>;

const RankingSchema = z.object({
  metric: z.enum(RANKING_METRICS),
  subject: z.enum(RANKING_SUBJECTS),
  formulaKey: MessageKeySchema,
  entries: z.array(
    z.object({ id: z.string(), name: z.string(), value: z.number().nullable(), rank: z.number(), numerator: z.number(), denominator: z.number() }),
  ),
}) satisfies z.ZodType<Ranking>;

/** The board's display model as stored: every field of BoardContent, nothing else. */
export const BoardContentSchema = z.object({
  title: z.string(),
  campaignName: z.string(),
  /** The Asia/Shanghai day the figures were judged as of. */
  asOf: DateSchema,
  targets: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      scope: z.enum(['workspace', 'unit', 'member']),
      scopeName: z.string(),
      scopeId: z.string().nullable().optional(),
      measure: z.enum(['money', 'count', 'manual']),
      unitLabel: z.string(),
      result: TargetResultSchema,
    }),
  ),
  current: z.object({ quarter: z.number().int(), theme: QuarterThemeSchema }).nullable(),
  themes: z.array(ThemeCheckSchema),
  stages: z.array(StageSchema),
  /** The units the pipeline filter offers (not archived). */
  units: z.array(NamedSchema),
  /** Active projects, grouped. */
  pipeline: z.array(PipelineGroupSchema),
  /** 落地率, 开工率, 竣工率, 投产率 of the workspace. */
  rates: z.array(
    z.object({
      kind: z.enum(STAGE_RATE_KINDS),
      numerator: z.number(),
      denominator: z.number(),
      rate: z.number().nullable(),
      formulaKey: MessageKeySchema,
    }),
  ),
  problemGroups: z.array(
    z.object({
      departmentId: z.string().nullable(),
      departmentName: z.string(),
      items: z.array(DispatchItemSchema),
      counts: z.object({ assigned: z.number(), reminded: z.number(), supervised: z.number() }),
    }),
  ),
  /** 县区, 市直部门, 行业专班 (each among themselves) and 市级领导 ranked on the default outcome: the rankings' first view. */
  rankings: z.object({
    units: z.object({ county: RankingSchema, department: RankingSchema, taskForce: RankingSchema }),
    leaders: RankingSchema,
  }),
  /** Member names, for the problems' owners. */
  members: z.array(NamedSchema),
  notFiled: z.object({
    month: z.string(),
    due: DateSchema,
    inCampaign: z.boolean(),
    lines: z.array(
      z.object({
        projectId: z.string(),
        projectName: z.string(),
        ownerName: z.string(),
        // absent in snapshots saved before 催报: read as unknown (no unit, no filers, not reminded)
        unitId: z.nullable(z.string()).default(null),
        unitName: z.string(),
        filerIds: z.array(z.string()).default([]),
        reminded: z.nullable(z.object({ by: z.string(), at: z.number() })).default(null),
      }),
    ),
  }),
  invalid: z.array(z.object({ id: z.string(), reasons: z.array(FieldErrorSchema) })),
}) satisfies z.ZodType<BoardContent>;

/** True only when each type is assignable to the other: a required field in one and not the other fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const CONTENT_MATCHES_DISPLAY_MODEL: Same<z.infer<typeof BoardContentSchema>, BoardContent> = true;
void CONTENT_MATCHES_DISPLAY_MODEL;

export const BoardSnapshotSchema = z.object({
  /** The workspace key (`${serverUrl}|${workspaceId}`). */
  key: z.string().min(1),
  version: z.literal(BOARD_SNAPSHOT_VERSION),
  /** Who was signed in when it was saved: a re-join as someone else starts without it. */
  memberId: z.string(),
  savedAt: TimestampSchema,
  /** The documents' state it was derived from (state vectors and day): an unchanged board is not written again. */
  source: z.string(),
  content: BoardContentSchema,
});
export type BoardSnapshot = z.infer<typeof BoardSnapshotSchema>;
