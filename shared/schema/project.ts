import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, LongTextSchema, MoneyWanSchema, NameSchema } from './common';
import { StageDatesSchema, StageSchema, stageIndex } from './stage';

export const CATEGORIES = [
  'industry', // 工业
  'agriculture', // 农业
  'services', // 服务业
  'infrastructure', // 基础设施
  'livelihood', // 民生
  'urban', // 城建
  'ruralRevitalization', // 乡村振兴
  'ecology', // 生态
  'digitalEconomy', // 数字经济
  'cleanEnergy', // 清洁能源
  'other', // 其他
] as const;
export const CategorySchema = z.enum(CATEGORIES, { error: 'err.project.category' });
export type Category = z.infer<typeof CategorySchema>;

/** 建设性质: 新建 (new) or 续建 (continued from an earlier year). */
export const ProjectKindSchema = z.enum(['new', 'continued'], { error: 'err.project.kind' });
export type ProjectKind = z.infer<typeof ProjectKindSchema>;

/** 招商引资 / 政府投资 / 企业自建. */
export const ProjectSourceSchema = z.enum(['attracted', 'government', 'enterprise'], { error: 'err.project.source' });
export type ProjectSource = z.infer<typeof ProjectSourceSchema>;

/** 省/市/县重点, or not a key project. */
export const KeyLevelSchema = z.enum(['province', 'city', 'county', 'none'], { error: 'err.project.keyLevel' });
export type KeyLevel = z.infer<typeof KeyLevelSchema>;

const ProjectObject = z.object({
  id: IdSchema,
  /** 项目编号 as printed in the 月报. */
  code: z.string().check(z.maxLength(64, { error: 'err.text.tooLong' })),
  name: NameSchema,
  category: CategorySchema,
  kind: ProjectKindSchema,
  source: ProjectSourceSchema,
  /** 责任单位. */
  unitId: z.nullable(IdSchema),
  /** 服务单位. */
  serviceUnitId: z.nullable(IdSchema),
  /** The county/district unit the project sits in. */
  countyId: z.nullable(IdSchema),
  /** 联系领导 / 包联领导. */
  leaderId: z.nullable(IdSchema),
  /** 责任人. */
  ownerId: z.nullable(IdSchema),
  /** 一套班子. */
  team: z.array(IdSchema),
  /** 一个方案. */
  plan: LongTextSchema,
  /** 建设内容. */
  content: LongTextSchema,
  /** The member credited with attracting it (personal quotas). */
  attractedById: z.nullable(IdSchema),
  keyLevel: KeyLevelSchema,
  totalInvestmentWan: MoneyWanSchema,
  /** 今年计划投资. */
  annualPlanWan: MoneyWanSchema,
  plannedStart: z.nullable(CalendarDateSchema),
  plannedCompletion: z.nullable(CalendarDateSchema),
  stage: StageSchema,
  stageDates: StageDatesSchema,
  /** 形象进度: the latest visible-progress note. */
  progressNote: LongTextSchema,
  archived: z.boolean(),
  created: AttributionSchema,
  updated: AttributionSchema,
});

export const ProjectSchema = ProjectObject.check(
  z.superRefine((p, ctx) => {
    if (p.plannedStart && p.plannedCompletion && p.plannedCompletion < p.plannedStart) {
      ctx.addIssue({ code: 'custom', path: ['plannedCompletion'], message: 'err.dates.endBeforeStart' });
    }
    if (p.annualPlanWan > p.totalInvestmentWan) {
      ctx.addIssue({ code: 'custom', path: ['annualPlanWan'], message: 'err.project.annualPlanExceedsTotal' });
    }
    // A stage beyond the first needs the date it was reached, and no later stage may carry a date.
    if (stageIndex(p.stage) > 0 && !p.stageDates[p.stage]) {
      ctx.addIssue({ code: 'custom', path: ['stageDates', p.stage], message: 'err.stage.dateRequired' });
    }
    for (const [stage, date] of Object.entries(p.stageDates)) {
      if (date && stageIndex(stage as never) > stageIndex(p.stage)) {
        ctx.addIssue({ code: 'custom', path: ['stageDates', stage], message: 'err.stage.dateBeyondStage' });
      }
    }
  }),
);
export type Project = z.infer<typeof ProjectSchema>;

/** The fields a person may edit directly (stage moves go through their own flow). */
export const ProjectEditableFieldsSchema = z.partial(
  z.omit(ProjectObject, {
    id: true,
    stage: true,
    stageDates: true,
    archived: true,
    created: true,
    updated: true,
  }),
);
export type ProjectEdit = z.infer<typeof ProjectEditableFieldsSchema>;
export type ProjectField = keyof ProjectEdit;
