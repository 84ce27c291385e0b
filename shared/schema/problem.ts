import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, LongTextSchema, TimestampSchema } from './common';

/** open → in progress (进展已报) → 销号 requested (待确认) → resolved (已销号). */
export const PROBLEM_STATUSES = ['open', 'inProgress', 'closeRequested', 'resolved'] as const;
export const ProblemStatusSchema = z.enum(PROBLEM_STATUSES, { error: 'err.problem.status' });
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>;

/** 交办 → 提醒 → 督办. */
export const ESCALATION_LEVELS = ['assigned', 'reminded', 'supervised'] as const;
export const EscalationLevelSchema = z.enum(ESCALATION_LEVELS, { error: 'err.problem.escalation' });
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

const EvidenceSchema = z
  .string()
  .check(z.trim(), z.minLength(1, { error: 'err.problem.evidenceRequired' }), z.maxLength(20_000, { error: 'err.text.tooLong' }));

/**
 * 销号: closing a problem records who, when and the evidence. With the closed loop, `by` is whoever confirmed the
 * responsible person's request (项目办 or 督查), never the requester; the request itself stays in `request`.
 */
export const ResolutionSchema = z.object({ by: IdSchema, at: TimestampSchema, evidence: EvidenceSchema });
export type Resolution = z.infer<typeof ResolutionSchema>;

/** 申请销号: the responsible person (or their unit's head) asks for the problem to be closed, with evidence. */
export const CloseRequestSchema = z.object({ by: IdSchema, at: TimestampSchema, evidence: EvidenceSchema });
export type CloseRequest = z.infer<typeof CloseRequestSchema>;

/** 退回: a request for 销号 that the confirmer sent back, with the reason (the problem is in progress again). */
export const CloseReturnSchema = z.object({
  by: IdSchema,
  at: TimestampSchema,
  reason: z.string().check(z.trim(), z.minLength(1, { error: 'err.problem.returnReasonRequired' }), z.maxLength(20_000, { error: 'err.text.tooLong' })),
});
export type CloseReturn = z.infer<typeof CloseReturnSchema>;

/** The latest progress the responsible person reported (every earlier one stays in the activity stream). */
export const ProblemProgressSchema = z.object({
  by: IdSchema,
  at: TimestampSchema,
  note: z.string().check(z.trim(), z.minLength(1, { error: 'err.problem.progressRequired' }), z.maxLength(20_000, { error: 'err.text.tooLong' })),
});
export type ProblemProgress = z.infer<typeof ProblemProgressSchema>;

export const ProblemSchema = z
  .object({
    id: IdSchema,
    description: z.string().check(z.trim(), z.minLength(1, { error: 'err.text.required' }), z.maxLength(20_000, { error: 'err.text.tooLong' })),
    raised: AttributionSchema,
    /** 涉及哪个部门，就由哪个部门一把手负责. */
    departmentId: z.nullable(IdSchema),
    /** 责任人: the department's head by default, changeable; null = whoever heads the department. */
    ownerId: z.nullable(IdSchema),
    deadline: CalendarDateSchema,
    status: ProblemStatusSchema,
    /** The level set by hand (督办 can be ordered early); the effective level is the higher of this and the rules. */
    escalation: EscalationLevelSchema,
    resolution: z.nullable(ResolutionSchema),
    // The loop's records are absent in problems written before the loop existed (and in bundles that do not use it).
    request: z.optional(z.nullable(CloseRequestSchema)),
    returned: z.optional(z.nullable(CloseReturnSchema)),
    progress: z.optional(z.nullable(ProblemProgressSchema)),
    notes: LongTextSchema,
    archived: z.boolean(),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.status === 'resolved' && !p.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'err.problem.resolutionRequired' });
      if (p.status !== 'resolved' && p.resolution) ctx.addIssue({ code: 'custom', path: ['status'], message: 'err.problem.resolvedStatus' });
      if (p.status === 'closeRequested' && !p.request) ctx.addIssue({ code: 'custom', path: ['request'], message: 'err.problem.requestRequired' });
      if ((p.status === 'open' || p.status === 'inProgress') && p.request)
        ctx.addIssue({ code: 'custom', path: ['status'], message: 'err.problem.requestedStatus' });
    }),
  );
export type Problem = z.infer<typeof ProblemSchema>;
