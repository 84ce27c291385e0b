import * as z from 'zod/mini';

/** Largest amount accepted anywhere, in 万元 (1e9 万元 = 10 万亿元): beyond it the figure is a typo. */
export const MONEY_MAX_WAN = 1e9;

export const IdSchema = z
  .string({ error: 'err.id.required' })
  .check(z.minLength(1, { error: 'err.id.required' }), z.maxLength(64, { error: 'err.id.format' }), z.regex(/^[A-Za-z0-9_-]+$/, { error: 'err.id.format' }));
export type Id = z.infer<typeof IdSchema>;

// Ids that travel together and could be swapped (a workspace's and a project's, in a document name) are branded: parsed
// once where they enter (a token, a document name, a request path), then the compiler keeps them apart.
export const WorkspaceIdSchema = IdSchema.brand<'WorkspaceId'>();
export type WorkspaceId = z.infer<typeof WorkspaceIdSchema>;
export const ProjectIdSchema = IdSchema.brand<'ProjectId'>();
export type ProjectId = z.infer<typeof ProjectIdSchema>;
export const MemberIdSchema = IdSchema.brand<'MemberId'>();
export type MemberId = z.infer<typeof MemberIdSchema>;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is YYYY-MM-DD and names a day that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A calendar date in Asia/Shanghai, as YYYY-MM-DD (no time, no zone: the day people see on the wall). */
export const CalendarDateSchema = z
  .string({ error: 'err.date.format' })
  .check(z.regex(DATE_RE, { error: 'err.date.format' }), z.refine(isCalendarDate, { error: 'err.date.invalid' }));
export type CalendarDate = z.infer<typeof CalendarDateSchema>;

/** A report month, YYYY-MM. */
export const MonthSchema = z.string({ error: 'err.month.format' }).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'err.month.format' }));
export type Month = z.infer<typeof MonthSchema>;

/** Money in 万元 (10,000 RMB): never negative, never absurd. */
export const MoneyWanSchema = z.number({ error: 'err.money.type' }).check(
  z.refine(Number.isFinite, { error: 'err.money.type' }),
  z.refine((n) => n >= 0, { error: 'err.money.negative' }),
  z.refine((n) => n <= MONEY_MAX_WAN, { error: 'err.money.tooLarge' }),
);

/** An instant, epoch milliseconds (UTC); shown in Asia/Shanghai. */
export const TimestampSchema = z.number({ error: 'err.time.invalid' }).check(z.int({ error: 'err.time.invalid' }), z.gte(0, { error: 'err.time.invalid' }));
export type Timestamp = z.infer<typeof TimestampSchema>;

/** Who did something and when: every write in Guatu carries one. */
export const AttributionSchema = z.object({ by: IdSchema, at: TimestampSchema });
export type Attribution = z.infer<typeof AttributionSchema>;

export const NameSchema = z
  .string({ error: 'err.text.required' })
  .check(z.trim(), z.minLength(1, { error: 'err.text.required' }), z.maxLength(200, { error: 'err.text.tooLong' }));

export const LongTextSchema = z.string({ error: 'err.text.type' }).check(z.maxLength(20_000, { error: 'err.text.tooLong' }));

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;
