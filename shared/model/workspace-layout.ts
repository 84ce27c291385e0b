import * as z from 'zod/mini';
import { CampaignSchema, type Campaign } from '../schema/campaign';
import { AttributionSchema, IdSchema, NameSchema } from '../schema/common';
import { MemberSchema, type Member } from '../schema/member';
import { RegistryEntrySchema, type RegistryEntry } from '../schema/registry';
import { ReminderSchema, type Reminder } from '../schema/reminder';
import { ReviewSchema, type Review } from '../schema/review';
import { TargetSchema, type Target } from '../schema/target';
import { UnitSchema, type Unit } from '../schema/unit';
import type { RecordLayout } from './layout';

/** The workspace's own identity, stored in its `meta` map. */
export const WorkspaceMetaSchema = z.object({ id: IdSchema, name: NameSchema, created: AttributionSchema });
export type WorkspaceMeta = z.infer<typeof WorkspaceMetaSchema>;

export const WORKSPACE_META_LAYOUT: RecordLayout<WorkspaceMeta> = {
  schema: WorkspaceMetaSchema,
  idField: null,
  fields: ['id', 'name', 'created'],
  groups: [],
};

/** Campaign settings merge per setting; the year and the windows inside it change together (windows must fall in the year). */
export const CAMPAIGN_LAYOUT: RecordLayout<Campaign> = {
  schema: CampaignSchema,
  idField: null,
  fields: ['name', 'quarters', 'reportDueDay', 'reports', 'pace', 'lights', 'escalation', 'problemClosure', 'stages'],
  groups: [{ key: 'calendar', fields: { year: 'year', windows: 'windows' } }],
};

export const UNIT_LAYOUT: RecordLayout<Unit> = {
  schema: UnitSchema,
  idField: 'id',
  fields: ['name', 'kind', 'headId', 'archived'],
  groups: [],
};

export const MEMBER_LAYOUT: RecordLayout<Member> = {
  schema: MemberSchema,
  idField: 'id',
  fields: ['name', 'rank', 'unitId', 'role', 'inspector', 'archived'],
  groups: [],
};

/** A target's period is one value: start and end must stay ordered whoever edits them. */
export const TARGET_LAYOUT: RecordLayout<Target> = {
  schema: TargetSchema,
  idField: 'id',
  fields: ['title', 'scope', 'windowId', 'goal', 'metric', 'archived', 'created'],
  groups: [{ key: 'period', fields: { start: 'start', end: 'end' } }],
};

export const REGISTRY_LAYOUT: RecordLayout<RegistryEntry> = {
  schema: RegistryEntrySchema,
  idField: 'id',
  fields: ['name', 'unitId', 'ownerId', 'leaderId', 'team', 'archived', 'confirmed', 'problemParties'],
  groups: [],
};

/** A reminder (催报) is written once under a fresh id and never edited. */
export const REMINDER_LAYOUT: RecordLayout<Reminder> = {
  schema: ReminderSchema,
  idField: 'id',
  fields: ['month', 'unitId', 'projectIds', 'memberIds', 'sent'],
  groups: [],
};

/**
 * A review (审核) is written once, under a fresh id, and never edited: a changed figure needs a new confirmation, so
 * no two writers ever touch the same record and its fields need no grouping. Fields of both kinds are listed; each
 * record stores those of its kind.
 */
export const REVIEW_LAYOUT: RecordLayout<Review> = {
  schema: ReviewSchema,
  idField: 'id',
  fields: ['kind', 'projectId', 'month', 'completedWan', 'cumulativeWan', 'leaderId', 'team', 'attractedById', 'confirmed', 'archived'],
  groups: [],
};
