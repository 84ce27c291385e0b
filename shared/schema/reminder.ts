import * as z from 'zod/mini';
import { AttributionSchema, IdSchema, MonthSchema } from './common';

/**
 * 催报: the 项目办 reminds the people who have not filed a month's 月报 (everyone, or one unit). Written once, under a
 * fresh id, by an admin only (the server refuses anyone else): who reminded (`sent`), when, for which month and unit,
 * and whom: the projects whose report was missing then and the members who file them (owner and team). The popup and
 * the toolbar badge show it to those members for as long as the project's report for the month is still missing.
 */
export const ReminderSchema = z.object({
  id: IdSchema,
  month: MonthSchema,
  /** The unit reminded, or null for everyone who has not filed. */
  unitId: z.nullable(IdSchema),
  projectIds: z.array(IdSchema).check(z.minLength(1, { error: 'err.reminder.nobody' }), z.maxLength(5000)),
  memberIds: z.array(IdSchema).check(z.maxLength(5000)),
  sent: AttributionSchema,
});
export type Reminder = z.infer<typeof ReminderSchema>;
