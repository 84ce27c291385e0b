import * as z from 'zod/mini';
import { IdSchema, NameSchema } from './common';

/** Ranks, highest first: 市级领导 / 副处级以上 / 正科级 / 副科级 / 一般干部. Quotas are set by rank. */
export const RANKS = ['cityLeader', 'deputyDivision', 'section', 'deputySection', 'staff'] as const;
export const RankSchema = z.enum(RANKS, { error: 'err.member.rank' });
export type Rank = z.infer<typeof RankSchema>;

/** Roles in a workspace (SPEC §2). */
export const ROLES = ['admin', 'leader', 'member', 'observer'] as const;
export const RoleSchema = z.enum(ROLES, { error: 'err.member.role' });
export type Role = z.infer<typeof RoleSchema>;

export const MemberSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  rank: RankSchema,
  unitId: z.nullable(IdSchema),
  role: RoleSchema,
  archived: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;
