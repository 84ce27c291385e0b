import * as z from 'zod/mini';
import type { ChecklistItem, RaisedProblem } from '../shared/calc/checklist';
import type { QuarterNumber } from '../shared/calc/dates';
import type { QuarterTheme } from '../shared/schema/campaign';
import type { CalendarDate, Locale } from '../shared/schema/common';
import type { Role } from '../shared/schema/member';
import type { EscalationLevel, ProblemStatus } from '../shared/schema/problem';
import type { Stage } from '../shared/schema/stage';
import type { Light, TargetResult } from '../shared/schema/summary';

/**
 * The rows Dexie stores that the popup paints from — joined workspaces, checklist projections, the language — as
 * `zod/mini` schemas: the popup's first read (plain IndexedDB, before React's first paint) and client/db.ts (Dexie)
 * check them with these same schemas, tree-shaken to the few checks used. The shared schemas are zod/mini too now, but
 * importing them would bring every schema module before the first paint (measured ~90 KB when they were classic zod,
 * not measured since). Only the few shared atoms they need
 * are written again here; each is held to the shared type below, and tests/client/stored-rows.test.ts holds them to the
 * shared schemas with generated values.
 */

/** True when each type is assignable to the other: a required field or enum member in one only fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** shared/schema/common isCalendarDate: YYYY-MM-DD naming a day that exists. */
function isDay(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** shared/schema/common's atoms (IdSchema, CalendarDateSchema, MonthSchema, TimestampSchema, LocaleSchema). */
export const IdRow = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
export const CalendarDateRow = z.string().check(z.regex(DATE_RE), z.refine(isDay));
export const MonthRow = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export const TimestampRow = z.int().check(z.minimum(0));
export const LocaleRow = z.enum(['zh-CN', 'en']);
const FilledRow = z.string().check(z.minLength(1));
const CountRow = z.int().check(z.minimum(0));

/** shared/schema's enums (RoleSchema, StageSchema, LightSchema, EscalationLevelSchema). */
export const RoleRow = z.enum(['admin', 'leader', 'member', 'observer']);
export const StageRow = z.enum(['planning', 'signed', 'preparation', 'started', 'completed', 'operating', 'fullProduction']);
export const LightRow = z.enum(['red', 'yellow', 'blue', 'green']);
export const EscalationLevelRow = z.enum(['assigned', 'reminded', 'supervised']);
export const ProblemStatusRow = z.enum(['open', 'inProgress', 'closeRequested', 'resolved']);
export const QuarterThemeRow = z.enum(['strongStart', 'doubleHalf', 'tackle', 'finish']);
const QuarterNumberRow = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** shared/schema/summary TargetResultSchema. */
export const TargetResultRow = z.object({
  targetId: IdRow,
  asOf: CalendarDateRow,
  goal: z.number(),
  actual: z.number(),
  share: z.number(),
  expectedShare: z.nullable(z.number()),
  gapPoints: z.number(),
  light: LightRow,
  forecast: z.nullable(z.number()),
  met: z.boolean(),
});

const ATOMS_MATCH: [
  Same<z.infer<typeof CalendarDateRow>, CalendarDate>,
  Same<z.infer<typeof LocaleRow>, Locale>,
  Same<z.infer<typeof RoleRow>, Role>,
  Same<z.infer<typeof StageRow>, Stage>,
  Same<z.infer<typeof LightRow>, Light>,
  Same<z.infer<typeof EscalationLevelRow>, EscalationLevel>,
  Same<z.infer<typeof ProblemStatusRow>, ProblemStatus>,
  Same<z.infer<typeof QuarterThemeRow>, QuarterTheme>,
  Same<z.infer<typeof QuarterNumberRow>, QuarterNumber>,
  Same<z.infer<typeof TargetResultRow>, TargetResult>,
] = [true, true, true, true, true, true, true, true, true, true];
void ATOMS_MATCH;

/** One line of the checklist (shared/calc/checklist ChecklistItem). */
export const ChecklistItemSchema = z.object({
  kind: z.enum(['milestone', 'problem', 'report', 'target']),
  projectId: z.optional(IdRow),
  projectName: z.optional(z.string()),
  recordId: z.string(),
  title: z.string(),
  due: CalendarDateRow,
  state: z.enum(['overdue', 'dueSoon', 'later', 'unfiled']),
  daysOverdue: CountRow,
  escalation: z.nullable(EscalationLevelRow),
  month: z.optional(MonthRow),
  needsApproval: z.optional(z.boolean()),
  reminded: z.optional(z.object({ by: IdRow, at: z.number() })),
  light: z.optional(LightRow),
  problem: z.optional(z.object({ status: ProblemStatusRow, duty: z.enum(['responsible', 'confirm']) })),
});
const ITEM_MATCHES: Same<z.infer<typeof ChecklistItemSchema>, ChecklistItem> = true;
void ITEM_MATCHES;

/** A problem I raised (shared/calc/checklist RaisedProblem). */
export const RaisedProblemSchema = z.object({
  projectId: IdRow,
  projectName: z.string(),
  recordId: IdRow,
  title: z.string(),
  deadline: CalendarDateRow,
  status: ProblemStatusRow,
  escalation: EscalationLevelRow,
  responsibleId: z.nullable(IdRow),
});
const RAISED_MATCHES: Same<z.infer<typeof RaisedProblemSchema>, RaisedProblem> = true;
void RAISED_MATCHES;

/** One of my targets with its standing: the target's title plus its TargetResult. */
export const ProjectionTargetSchema = z.extend(TargetResultRow, {
  title: z.string(),
  /** Whose target it is: mine, my unit's, or the whole workspace's. */
  scope: z.enum(['member', 'unit', 'workspace']),
  /** A hand-entered value's unit (%, 亿元), for a rate target's words; absent otherwise (and in older rows). */
  unitLabel: z.optional(z.string()),
});
export type ProjectionTarget = z.infer<typeof ProjectionTargetSchema>;

/** One of my projects (owner, 联系领导 or team) as the popup lists it. */
export const ProjectionProjectSchema = z.object({
  id: IdRow,
  name: z.string(),
  stage: StageRow,
  /** The annual-plan investment light (completed ÷ planned against 序时); absent without a plan or a readable document. */
  light: z.optional(LightRow),
  gapPoints: z.optional(z.number()),
  /** Records in the project document that did not validate. */
  invalidRecords: z.optional(CountRow),
  /** 今年累计完成投资 and the month last reported: the 月报 form derives the new cumulative from them. */
  cumulativeWan: z.optional(z.number()),
  lastReportMonth: z.optional(z.nullable(MonthRow)),
});
export type ProjectionProject = z.infer<typeof ProjectionProjectSchema>;

/**
 * The checklist projection as stored in Dexie. Rows are checked when read, so a row written by an older version of
 * the extension (or a half-finished write) is skipped instead of crashing the popup.
 */
export const ChecklistProjectionSchema = z.object({
  /** The workspace key (`${serverUrl}|${workspaceId}`). */
  key: FilledRow,
  /** The Asia/Shanghai day the checklist was computed for. */
  asOf: CalendarDateRow,
  memberId: IdRow,
  items: z.array(ChecklistItemSchema),
  /** How many items are overdue: the toolbar badge's share of this workspace. */
  overdue: CountRow,
  targets: z.array(ProjectionTargetSchema),
  projects: z.array(ProjectionProjectSchema),
  /** The quarter's theme (一季度 · 开门红 …) as of `asOf`, null outside the campaign year; absent in older rows. */
  theme: z.optional(z.nullable(z.object({ quarter: QuarterNumberRow, theme: QuarterThemeRow }))),
  /** Problems I raised, with what became of them; absent in rows stored before the 销号 loop. */
  raised: z.optional(z.array(RaisedProblemSchema)),
  /** Names of the members the lists mention (责任人 of problems I raised); absent in older rows. */
  names: z.optional(z.record(IdRow, z.string())),
  updatedAt: TimestampRow,
});
export type ChecklistProjection = z.infer<typeof ChecklistProjectionSchema>;

/** A workspace this browser joined with an invite code. */
export const JoinedWorkspaceSchema = z.object({
  /** `${serverUrl}|${workspaceId}`: one browser may join the same workspace id on two servers. */
  key: FilledRow,
  /** The server's http(s) base address, normalised (no trailing slash). */
  serverUrl: FilledRow,
  workspaceId: IdRow,
  /** From the workspace document; empty until the first sync has read it. */
  workspaceName: z.string(),
  memberId: IdRow,
  /** From the workspace document; empty until the first sync has read it. */
  memberName: z.string(),
  role: RoleRow,
  token: FilledRow,
  /** When the token expires (epoch ms). */
  expiresAt: TimestampRow,
  joinedAt: TimestampRow,
});
export type JoinedWorkspace = z.infer<typeof JoinedWorkspaceSchema>;
