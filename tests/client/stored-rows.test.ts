import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChecklistProjectionSchema, JoinedWorkspaceSchema } from '../../client/stored-rows';
import { CalendarDateSchema, IdSchema, MonthSchema, TimestampSchema } from '../../shared/schema/common';
import { RoleSchema } from '../../shared/schema/member';
import { EscalationLevelSchema } from '../../shared/schema/problem';
import { QuarterThemeSchema } from '../../shared/schema/campaign';
import { StageSchema } from '../../shared/schema/stage';
import { LightSchema, TargetResultSchema } from '../../shared/schema/summary';

// client/stored-rows writes the few shared atoms it needs again in zod/mini (no classic zod before the popup's first
// paint). These hold its schemas to the same rows built from the shared schemas: same rows accepted, same values
// returned. fast-check prints the seed and the shrunk row when one fails.

/** The stored rows as the shared schemas define their parts. */
const Shared = {
  projection: z.object({
    key: z.string().min(1),
    asOf: CalendarDateSchema,
    memberId: IdSchema,
    items: z.array(
      z.object({
        kind: z.enum(['milestone', 'problem', 'report', 'target']),
        projectId: z.optional(IdSchema),
        projectName: z.string().optional(),
        recordId: z.string(),
        title: z.string(),
        due: CalendarDateSchema,
        state: z.enum(['overdue', 'dueSoon', 'later', 'unfiled']),
        daysOverdue: z.number().int().min(0),
        escalation: z.nullable(EscalationLevelSchema),
        month: z.optional(MonthSchema),
        light: z.optional(LightSchema),
      }),
    ),
    overdue: z.number().int().min(0),
    targets: z.array(z.object(TargetResultSchema.shape).extend({ title: z.string(), scope: z.enum(['member', 'unit', 'workspace']) })),
    projects: z.array(
      z.object({
        id: IdSchema,
        name: z.string(),
        stage: StageSchema,
        light: z.optional(LightSchema),
        gapPoints: z.number().optional(),
        invalidRecords: z.number().int().min(0).optional(),
        cumulativeWan: z.number().optional(),
        lastReportMonth: z.nullable(MonthSchema).optional(),
      }),
    ),
    theme: z
      .object({ quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), theme: QuarterThemeSchema })
      .nullable()
      .optional(),
    updatedAt: TimestampSchema,
  }),
  workspace: z.object({
    key: z.string().min(1),
    serverUrl: z.string().min(1),
    workspaceId: IdSchema,
    workspaceName: z.string(),
    memberId: IdSchema,
    memberName: z.string(),
    role: RoleSchema,
    token: z.string().min(1),
    expiresAt: TimestampSchema,
    joinedAt: TimestampSchema,
  }),
};

const parseWith =
  (schema: { safeParse(r: unknown): { success: boolean; data?: unknown } }) =>
  (row: unknown): unknown => {
    const result = schema.safeParse(row);
    return result.success ? result.data : null;
  };
const parseChecklistProjection = parseWith(ChecklistProjectionSchema);
const parseJoinedWorkspace = parseWith(JoinedWorkspaceSchema);
const SEED = 20_261_126;

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const month = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`);
const light = fc.constantFrom('red', 'yellow', 'blue', 'green');
const count = fc.nat({ max: 400 });
const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });

const item = fc.record(
  {
    kind: fc.constantFrom('milestone', 'problem', 'report', 'target'),
    projectId: id,
    projectName: fc.string(),
    recordId: fc.string(),
    title: fc.string(),
    due: day,
    state: fc.constantFrom('overdue', 'dueSoon', 'later', 'unfiled'),
    daysOverdue: count,
    escalation: fc.constantFrom(null, 'assigned', 'reminded', 'supervised'),
    month,
    light,
  },
  { requiredKeys: ['kind', 'recordId', 'title', 'due', 'state', 'daysOverdue', 'escalation'] },
);
const target = fc.record({
  targetId: id,
  asOf: day,
  goal: num,
  actual: num,
  share: num,
  expectedShare: num,
  gapPoints: num,
  light,
  forecast: num,
  met: fc.boolean(),
  title: fc.string(),
  scope: fc.constantFrom('member', 'unit', 'workspace'),
});
const project = fc.record(
  {
    id,
    name: fc.string(),
    stage: fc.constantFrom('planning', 'signed', 'preparation', 'started', 'completed', 'operating', 'fullProduction'),
    light,
    gapPoints: num,
    invalidRecords: count,
    cumulativeWan: num,
    lastReportMonth: fc.option(month),
  },
  { requiredKeys: ['id', 'name', 'stage'] },
);
const theme = fc.option(fc.record({ quarter: fc.constantFrom(1, 2, 3, 4), theme: fc.constantFrom('strongStart', 'doubleHalf', 'tackle', 'finish') }));
const projection = fc.record(
  {
    key: fc.string({ minLength: 1 }),
    asOf: day,
    memberId: id,
    items: fc.array(item, { maxLength: 6 }),
    overdue: count,
    targets: fc.array(target, { maxLength: 3 }),
    projects: fc.array(project, { maxLength: 3 }),
    theme,
    updatedAt: fc.nat(),
  },
  { requiredKeys: ['key', 'asOf', 'memberId', 'items', 'overdue', 'targets', 'projects', 'updatedAt'] },
);
const workspace = fc.record({
  key: fc.string({ minLength: 1 }),
  serverUrl: fc.string({ minLength: 1 }),
  workspaceId: id,
  workspaceName: fc.string(),
  memberId: id,
  memberName: fc.string(),
  role: fc.constantFrom('admin', 'leader', 'member', 'observer'),
  token: fc.string({ minLength: 1 }),
  expiresAt: fc.nat(),
  joinedAt: fc.nat(),
});

/** Values another version (or a half-finished write) might leave anywhere in a row. */
const odd = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  'x',
  'a b',
  '2026-02-30',
  '2026-13-01',
  '2026-13',
  '2026-00',
  '2026-1-01',
  'chief',
  'Red',
  -1,
  0,
  1.5,
  2 ** 53,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  'x'.repeat(65),
);

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `row` (objects and arrays), including the containers themselves. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

/** A deep copy of `row` with the value at `path` replaced (or a new key set, for a path that ends in a new key). */
function replaced(row: unknown, path: (string | number)[], value: unknown): unknown {
  const copy: unknown = structuredClone(row);
  let at = copy as Json;
  for (const step of path.slice(0, -1)) at = (at as Record<string | number, unknown>)[step] as Json;
  (at as Record<string | number, unknown>)[path.at(-1)!] = value;
  return copy;
}

const expectSameAsZod = (row: unknown, parse: (r: unknown) => unknown, schema: { safeParse(r: unknown): { success: boolean; data?: unknown } }) => {
  const shared = schema.safeParse(row);
  expect(parse(row)).toEqual(shared.success ? shared.data : null);
};

describe('the zod/mini stored-row schemas agree with the shared schemas', () => {
  it('accept every valid checklist projection and give back what the shared schemas give back', () => {
    fc.assert(
      fc.property(projection, (row) => {
        expect(ChecklistProjectionSchema.safeParse(row).success).toBe(true);
        expectSameAsZod({ ...row, extra: 'dropped' }, parseChecklistProjection, Shared.projection);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('refuse a projection exactly when the shared schemas do, whatever one value is broken into', () => {
    fc.assert(
      fc.property(projection, fc.nat(), odd, (row, pick, value) => {
        const all = paths(row);
        const path = all[pick % all.length]!;
        expectSameAsZod(replaced(row, path, value), parseChecklistProjection, Shared.projection);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('agree on joined workspaces, valid or with one broken value', () => {
    fc.assert(
      fc.property(workspace, fc.nat(), odd, (row, pick, value) => {
        expectSameAsZod(row, parseJoinedWorkspace, Shared.workspace);
        const all = paths(row);
        expectSameAsZod(replaced(row, all[pick % all.length]!, value), parseJoinedWorkspace, Shared.workspace);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('refuse what is not a row at all', () => {
    for (const row of [undefined, null, 'row', 3, [], [{}]]) {
      expect(parseChecklistProjection(row)).toBeNull();
      expect(parseJoinedWorkspace(row)).toBeNull();
    }
  });
});
