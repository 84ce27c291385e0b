import * as z from 'zod/mini';
import { CampaignSchema } from './campaign';
import { IdSchema, NameSchema } from './common';
import { MemberSchema } from './member';
import { MilestoneSchema } from './milestone';
import { MonthlyReportSchema } from './monthly-report';
import { ProblemSchema } from './problem';
import { ProjectSchema } from './project';
import { RegistryEntrySchema } from './registry';
import { ReminderSchema } from './reminder';
import { ReviewSchema } from './review';
import { TargetSchema } from './target';
import { UnitSchema } from './unit';

/**
 * Everything about one project as plain validated data: what the project document holds.
 * The arithmetic in shared/calc works on these, never on Yjs documents.
 */
export const ProjectBundleSchema = z.object({
  project: ProjectSchema,
  milestones: z.array(MilestoneSchema),
  problems: z.array(ProblemSchema),
  reports: z.array(MonthlyReportSchema),
});
export type ProjectBundle = z.infer<typeof ProjectBundleSchema>;

/** What the workspace document holds, as plain validated data. */
export const WorkspaceDataSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  campaign: CampaignSchema,
  units: z.array(UnitSchema),
  members: z.array(MemberSchema),
  targets: z.array(TargetSchema),
  registry: z.array(RegistryEntrySchema),
  /** 审核 confirmations (the `reviews` map); absent in bundles written before reviews existed, read as none. */
  reviews: z.optional(z.array(ReviewSchema)),
  /** 催报 reminders (the `reminders` map); absent in bundles written before reminders existed, read as none. */
  reminders: z.optional(z.array(ReminderSchema)),
});
export type WorkspaceData = z.infer<typeof WorkspaceDataSchema>;
