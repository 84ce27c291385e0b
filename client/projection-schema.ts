import { z } from 'zod';
import { CalendarDateSchema, IdSchema, MonthSchema, TimestampSchema } from '../shared/schema/common';
import { EscalationLevelSchema } from '../shared/schema/problem';
import { StageSchema } from '../shared/schema/stage';
import { LightSchema, TargetResultSchema } from '../shared/schema/summary';
import type { ChecklistItem } from '../shared/calc/checklist';

/**
 * The shape of the checklist projection as stored in Dexie. Rows are checked when read, so a row written by an
 * older version of the extension (or a half-finished write) is skipped instead of crashing the popup.
 */

export const ChecklistItemSchema = z.object({
  kind: z.enum(['milestone', 'problem', 'report', 'target']),
  projectId: IdSchema.optional(),
  projectName: z.string().optional(),
  recordId: z.string(),
  title: z.string(),
  due: CalendarDateSchema,
  state: z.enum(['overdue', 'dueSoon', 'later', 'unfiled']),
  daysOverdue: z.number().int().min(0),
  escalation: EscalationLevelSchema.nullable(),
  month: MonthSchema.optional(),
  light: LightSchema.optional(),
}) satisfies z.ZodType<ChecklistItem>;

/** One of my targets with its standing: the target's title plus its TargetResult. */
export const ProjectionTargetSchema = TargetResultSchema.extend({
  title: z.string(),
  /** Whose target it is: mine, my unit's, or the whole workspace's. */
  scope: z.enum(['member', 'unit', 'workspace']),
});
export type ProjectionTarget = z.infer<typeof ProjectionTargetSchema>;

/** One of my projects (owner, 联系领导 or team) as the popup lists it. */
export const ProjectionProjectSchema = z.object({
  id: IdSchema,
  name: z.string(),
  stage: StageSchema,
  /** The annual-plan investment light (completed ÷ planned against 序时); absent without a plan or a readable document. */
  light: LightSchema.optional(),
  gapPoints: z.number().optional(),
  /** Records in the project document that did not validate. */
  invalidRecords: z.number().int().min(0).optional(),
});
export type ProjectionProject = z.infer<typeof ProjectionProjectSchema>;

export const ChecklistProjectionSchema = z.object({
  /** The workspace key (`${serverUrl}|${workspaceId}`). */
  key: z.string().min(1),
  /** The Asia/Shanghai day the checklist was computed for. */
  asOf: CalendarDateSchema,
  memberId: IdSchema,
  items: z.array(ChecklistItemSchema),
  /** How many items are overdue: the toolbar badge's share of this workspace. */
  overdue: z.number().int().min(0),
  targets: z.array(ProjectionTargetSchema),
  projects: z.array(ProjectionProjectSchema),
  updatedAt: TimestampSchema,
});
export type ChecklistProjection = z.infer<typeof ChecklistProjectionSchema>;
