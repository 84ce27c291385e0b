import { z } from 'zod';
import { IdSchema, NameSchema } from '../../shared/schema/common';
import { RankSchema, RoleSchema } from '../../shared/schema/member';

/** The longest an invite may stay open: a month. */
export const MAX_INVITE_HOURS = 24 * 30;

/**
 * What an admin sends to invite someone: an existing member (memberId, e.g. a new device) or a new person
 * (member: name, rank, unit), with the role the token will carry.
 */
export const CreateInviteInputSchema = z
  .strictObject({
    role: RoleSchema,
    memberId: z.optional(IdSchema),
    member: z.strictObject({ name: NameSchema, rank: RankSchema, unitId: z.nullable(IdSchema) }).optional(),
    expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).optional(),
  })
  .refine((v) => v.memberId !== undefined || v.member !== undefined, {
    error: 'err.required',
    path: ['member'],
  });
export type CreateInviteInput = z.infer<typeof CreateInviteInputSchema>;

export const JoinInputSchema = z.strictObject({ code: z.string().min(1).max(64) });
export type JoinInput = z.infer<typeof JoinInputSchema>;
