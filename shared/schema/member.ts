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
  /**
   * 督查: may confirm 销号 requests when the campaign lets 督查 confirm (`problemClosure`). A flag, not a role: a 督查
   * staffer reads as an observer or a member otherwise. Absent in members written before it existed (false).
   */
  inspector: z.optional(z.boolean()),
  archived: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;
