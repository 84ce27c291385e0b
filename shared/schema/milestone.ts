import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, NameSchema } from './common';

/** A milestone of 倒排工期: a dated step; done records who ticked it and when. */
export const MilestoneSchema = z.object({
  id: IdSchema,
  title: NameSchema,
  dueDate: CalendarDateSchema,
  /** Ordering within the project (the 前期 checklist keeps its order). */
  order: z.number(),
  done: z.nullable(AttributionSchema),
  archived: z.boolean(),
  created: AttributionSchema,
});
export type Milestone = z.infer<typeof MilestoneSchema>;

/** 前期工作: the default checklist of a new project (规划选址、土地预审和能评、环评、安评、立项). */
export const DEFAULT_MILESTONE_KEYS = ['siteSelection', 'landPreReview', 'energyReview', 'environmentReview', 'safetyReview', 'approval'] as const;
export type DefaultMilestoneKey = (typeof DEFAULT_MILESTONE_KEYS)[number];
