import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, MoneyWanSchema, MonthSchema, NameSchema } from './common';
import { RankSchema } from './member';
import { CategorySchema, KeyLevelSchema, ProjectKindSchema, ProjectSourceSchema } from './project';
import { StageSchema } from './stage';

/** Which projects a count or a sum looks at. Empty or missing = no restriction. */
export const ProjectFilterSchema = z.object({
  categories: z.optional(z.array(CategorySchema)),
  kinds: z.optional(z.array(ProjectKindSchema)),
  sources: z.optional(z.array(ProjectSourceSchema)),
  keyLevels: z.optional(z.array(KeyLevelSchema)),
  unitIds: z.optional(z.array(IdSchema)),
  countyIds: z.optional(z.array(IdSchema)),
  minTotalInvestmentWan: z.optional(MoneyWanSchema),
});
export type ProjectFilter = z.infer<typeof ProjectFilterSchema>;

/** 开复工: projects started in the period plus 续建 projects under construction. */
export const STARTED_OR_CONTINUING = 'startedOrContinuing' as const;

export const TargetMetricSchema = z.discriminatedUnion(
  'kind',
  [
    /** Count of projects that reached `stage` within the period. */
    z.object({
      kind: z.literal('stageCount'),
      stage: z.union([StageSchema, z.literal(STARTED_OR_CONTINUING)], { error: 'err.stage.unknown' }),
      filter: ProjectFilterSchema,
    }),
    /** Completed investment (万元) summed over the months of the period. */
    z.object({ kind: z.literal('investmentSum'), filter: ProjectFilterSchema }),
    /**
     * Personal quota: projects attracted by the member with total investment ≥ the threshold for their rank, signed
     * by the deadline (副处级以上 1000 万元, 正科级 500 万元, …). Ranks without a threshold owe nothing.
     */
    z.object({
      kind: z.literal('memberQuota'),
      thresholdsWan: z.partialRecord(RankSchema, MoneyWanSchema),
      /** Projects each member owes. */
      perMember: z.number().check(z.int(), z.gte(1, { error: 'err.target.perMember' })),
      deadline: CalendarDateSchema,
    }),
    /**
     * A value entered by hand each month (e.g. GDP, 税收). `aggregate` says how the months make the actual: `sum` (到位资金),
     * `latest` (a cumulative figure published to date), or `rate`: a rate or ratio (固定资产投资增速 %, 增长率), the latest
     * value compared with the goal directly, never against 序时 and never extrapolated (shared/calc/metrics/manual-value.ts
     * `isRateMetric`; a `latest` value in % is read as a rate too, so targets written before `rate` existed need no migration).
     */
    z.object({
      kind: z.literal('manual'),
      aggregate: z.enum(['sum', 'latest', 'rate']),
      unitLabel: z.string().check(z.maxLength(20)),
      values: z.record(MonthSchema, z.number().check(z.refine(Number.isFinite, { error: 'err.number.type' }))),
    }),
  ],
  { error: 'err.target.metric' },
);
export type TargetMetric = z.infer<typeof TargetMetricSchema>;
export type TargetMetricKind = TargetMetric['kind'];

export const TargetScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('workspace') }),
    z.object({ kind: z.literal('unit'), unitId: IdSchema }),
    z.object({ kind: z.literal('member'), memberId: IdSchema }),
  ],
  { error: 'err.target.scope' },
);
export type TargetScope = z.infer<typeof TargetScopeSchema>;

export const TargetSchema = z
  .object({
    id: IdSchema,
    title: NameSchema,
    scope: TargetScopeSchema,
    /** The period the goal covers: the year, a quarter, or a window such as 百日会战. */
    start: CalendarDateSchema,
    end: CalendarDateSchema,
    /** The campaign window this target belongs to, if any. */
    windowId: z.nullable(IdSchema),
    goal: z.number({ error: 'err.target.goal' }).check(
      z.refine(Number.isFinite, { error: 'err.target.goal' }),
      z.refine((n) => n > 0, { error: 'err.target.goal' }),
    ),
    metric: TargetMetricSchema,
    archived: z.boolean(),
    created: AttributionSchema,
  })
  .check(z.refine((t) => t.end >= t.start, { path: ['end'], error: 'err.dates.endBeforeStart' }));
export type Target = z.infer<typeof TargetSchema>;
