import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, LongTextSchema, TimestampSchema } from './common';

export const ProblemStatusSchema = z.enum(['open', 'inProgress', 'resolved'], { error: 'err.problem.status' });
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>;

/** 交办 → 提醒 → 督办. */
export const ESCALATION_LEVELS = ['assigned', 'reminded', 'supervised'] as const;
export const EscalationLevelSchema = z.enum(ESCALATION_LEVELS, { error: 'err.problem.escalation' });
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

/** 销号: closing a problem records who, when and the evidence. */
export const ResolutionSchema = z.object({
  by: IdSchema,
  at: TimestampSchema,
  evidence: z.string().check(z.trim(), z.minLength(1, { error: 'err.problem.evidenceRequired' }), z.maxLength(20_000, { error: 'err.text.tooLong' })),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export const ProblemSchema = z
  .object({
    id: IdSchema,
    description: z.string().check(z.trim(), z.minLength(1, { error: 'err.text.required' }), z.maxLength(20_000, { error: 'err.text.tooLong' })),
    raised: AttributionSchema,
    /** 涉及哪个部门，就由哪个部门一把手负责. */
    departmentId: z.nullable(IdSchema),
    ownerId: z.nullable(IdSchema),
    deadline: CalendarDateSchema,
    status: ProblemStatusSchema,
    /** The level set by hand (督办 can be ordered early); the effective level is the higher of this and the rules. */
    escalation: EscalationLevelSchema,
    resolution: z.nullable(ResolutionSchema),
    notes: LongTextSchema,
    archived: z.boolean(),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.status === 'resolved' && !p.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'err.problem.resolutionRequired' });
      if (p.status !== 'resolved' && p.resolution) ctx.addIssue({ code: 'custom', path: ['status'], message: 'err.problem.resolvedStatus' });
    }),
  );
export type Problem = z.infer<typeof ProblemSchema>;
