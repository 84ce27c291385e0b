/**
 * The admin console's record forms: for units, members, projects and targets, the fields (form-fields.ts), the
 * values a stored record fills them with, and the model input typed text becomes. The model validates the input
 * again (and reports at the same field names), so these only turn text into types.
 */
import type { MemberInput, TargetInput, UnitInput } from '../../../shared/model/workspace-write';
import type { CampaignWindow } from '../../../shared/schema/campaign';
import type { Member } from '../../../shared/schema/member';
import { RANKS, ROLES, type Rank } from '../../../shared/schema/member';
import { CATEGORIES, type Project, type ProjectEdit } from '../../../shared/schema/project';
import { STAGES } from '../../../shared/schema/stage';
import { STARTED_OR_CONTINUING, type ProjectFilter, type Target, type TargetMetric, type TargetScope } from '../../../shared/schema/target';
import type { Unit } from '../../../shared/schema/unit';
import { err, ok } from '../../../shared/result';
import {
  NONE,
  NumberReader,
  enumChoices,
  list,
  namedChoices,
  optionalDate,
  optionalId,
  text,
  type FormFieldSpec,
  type FormValues,
  type Parsed,
} from './form-fields';

type Named = { id: string; name: string };

// ── units (单位) ────────────────────────────────────────────────────────────────────────────────────────────────────

export function unitFields(members: readonly Named[]): FormFieldSpec[] {
  return [
    { name: 'name', label: 'admin.unit.name', control: 'text' },
    { name: 'kind', label: 'admin.unit.kind', control: 'select', choices: enumChoices(['county', 'department', 'taskForce'], 'unitKind') },
    { name: 'headId', label: 'admin.unit.head', control: 'select', choices: namedChoices(members, true) },
  ];
}

export const NEW_UNIT: FormValues = { name: '', kind: 'department', headId: NONE };

export function unitValues(unit: Unit): FormValues {
  return { name: unit.name, kind: unit.kind, headId: unit.headId ?? NONE };
}

export function unitInput(values: FormValues): Parsed<UnitInput> {
  return ok({ value: { name: text(values, 'name'), kind: text(values, 'kind') as UnitInput['kind'], headId: optionalId(values, 'headId') } });
}

// ── members ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** `ownRecord`: the admin's own line, whose role they may not change (the server refuses it). */
export function memberFields(units: readonly Named[], ownRecord = false): FormFieldSpec[] {
  return [
    { name: 'name', label: 'admin.member.name', control: 'text' },
    { name: 'rank', label: 'admin.member.rank', control: 'select', choices: enumChoices(RANKS, 'rank') },
    { name: 'unitId', label: 'admin.member.unit', control: 'select', choices: namedChoices(units, true) },
    { name: 'role', label: 'admin.member.role', control: 'select', choices: enumChoices(ROLES, 'role'), readOnly: ownRecord },
    {
      name: 'inspector',
      label: 'admin.member.inspector',
      control: 'select',
      choices: enumChoices(['no', 'yes'], 'admin.yesNo'),
      hint: 'admin.member.inspectorHint',
    },
  ];
}

export const NEW_MEMBER: FormValues = { name: '', rank: 'staff', unitId: NONE, role: 'member', inspector: 'no' };

export function memberValues(member: Member): FormValues {
  return { name: member.name, rank: member.rank, unitId: member.unitId ?? NONE, role: member.role, inspector: member.inspector === true ? 'yes' : 'no' };
}

export function memberInput(values: FormValues): Parsed<MemberInput> {
  return ok({
    value: {
      name: text(values, 'name'),
      rank: text(values, 'rank') as MemberInput['rank'],
      role: text(values, 'role') as MemberInput['role'],
      unitId: optionalId(values, 'unitId'),
      inspector: text(values, 'inspector') === 'yes',
    },
  });
}

// ── projects ────────────────────────────────────────────────────────────────────────────────────────────────────────

export function projectFields(units: readonly Named[], counties: readonly Named[], members: readonly Named[]): FormFieldSpec[] {
  return [
    { name: 'code', label: 'admin.project.code', control: 'text' },
    { name: 'name', label: 'admin.project.name', control: 'text' },
    { name: 'category', label: 'admin.project.category', control: 'select', choices: enumChoices(CATEGORIES, 'category') },
    { name: 'kind', label: 'admin.project.kind', control: 'select', choices: enumChoices(['new', 'continued'], 'kind') },
    { name: 'source', label: 'admin.project.source', control: 'select', choices: enumChoices(['attracted', 'government', 'enterprise'], 'source') },
    { name: 'keyLevel', label: 'admin.project.keyLevel', control: 'select', choices: enumChoices(['province', 'city', 'county', 'none'], 'keyLevel') },
    { name: 'unitId', label: 'admin.project.unit', control: 'select', choices: namedChoices(units, true) },
    { name: 'countyId', label: 'admin.project.county', control: 'select', choices: namedChoices(counties, true) },
    { name: 'leaderId', label: 'admin.project.leader', control: 'select', choices: namedChoices(members, true) },
    { name: 'ownerId', label: 'admin.project.owner', control: 'select', choices: namedChoices(members, true) },
    { name: 'team', label: 'admin.project.team', control: 'multi', choices: namedChoices(members, false) },
    { name: 'totalInvestmentWan', label: 'admin.project.total', control: 'number' },
    { name: 'annualPlanWan', label: 'admin.project.annualPlan', control: 'number' },
    { name: 'plannedStart', label: 'admin.project.plannedStart', control: 'date' },
    { name: 'plannedCompletion', label: 'admin.project.plannedCompletion', control: 'date' },
    { name: 'content', label: 'admin.project.content', control: 'textarea' },
    { name: 'plan', label: 'admin.project.plan', control: 'textarea' },
  ];
}

export const NEW_PROJECT: FormValues = {
  code: '',
  name: '',
  category: 'industry',
  kind: 'new',
  source: 'government',
  keyLevel: 'none',
  unitId: NONE,
  countyId: NONE,
  leaderId: NONE,
  ownerId: NONE,
  team: [],
  totalInvestmentWan: '',
  annualPlanWan: '',
  plannedStart: '',
  plannedCompletion: '',
  content: '',
  plan: '',
};

export function projectValues(p: Project): FormValues {
  return {
    code: p.code,
    name: p.name,
    category: p.category,
    kind: p.kind,
    source: p.source,
    keyLevel: p.keyLevel,
    unitId: p.unitId ?? NONE,
    countyId: p.countyId ?? NONE,
    leaderId: p.leaderId ?? NONE,
    ownerId: p.ownerId ?? NONE,
    team: [...p.team],
    totalInvestmentWan: String(p.totalInvestmentWan),
    annualPlanWan: String(p.annualPlanWan),
    plannedStart: p.plannedStart ?? '',
    plannedCompletion: p.plannedCompletion ?? '',
    content: p.content,
    plan: p.plan,
  };
}

/** Every field of the form as a project edit (the model keeps unchanged ones as they are). */
export function projectEdit(values: FormValues): Parsed<ProjectEdit & { name: string }> {
  const numbers = new NumberReader(values);
  const totalInvestmentWan = numbers.read('totalInvestmentWan', 'err.money.type');
  const annualPlanWan = numbers.read('annualPlanWan', 'err.money.type');
  return numbers.result({
    code: text(values, 'code').trim(),
    name: text(values, 'name'),
    category: text(values, 'category') as Project['category'],
    kind: text(values, 'kind') as Project['kind'],
    source: text(values, 'source') as Project['source'],
    keyLevel: text(values, 'keyLevel') as Project['keyLevel'],
    unitId: optionalId(values, 'unitId'),
    countyId: optionalId(values, 'countyId'),
    leaderId: optionalId(values, 'leaderId'),
    ownerId: optionalId(values, 'ownerId'),
    team: list(values, 'team'),
    totalInvestmentWan,
    annualPlanWan,
    plannedStart: optionalDate(values, 'plannedStart'),
    plannedCompletion: optionalDate(values, 'plannedCompletion'),
    content: text(values, 'content'),
    plan: text(values, 'plan'),
  });
}

// ── targets ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export const METRICS = ['stageCount', 'investmentSum', 'memberQuota', 'manual'] as const;

const PROJECT_METRICS = ['stageCount', 'investmentSum'];

/** Which projects a count or a sum looks at (empty = all): 省重点 only, one category, one unit's, from 1 亿元 up … */
const filterFields = (units: readonly Named[], readOnly: boolean): FormFieldSpec[] =>
  [
    { name: 'filter.categories', label: 'admin.target.filter.categories', control: 'multi', choices: enumChoices(CATEGORIES, 'category') },
    { name: 'filter.kinds', label: 'admin.target.filter.kinds', control: 'multi', choices: enumChoices(['new', 'continued'], 'kind') },
    {
      name: 'filter.sources',
      label: 'admin.target.filter.sources',
      control: 'multi',
      choices: enumChoices(['attracted', 'government', 'enterprise'], 'source'),
    },
    {
      name: 'filter.keyLevels',
      label: 'admin.target.filter.keyLevels',
      control: 'multi',
      choices: enumChoices(['province', 'city', 'county', 'none'], 'keyLevel'),
    },
    { name: 'filter.unitIds', label: 'admin.target.filter.units', control: 'multi', choices: namedChoices(units, false) },
    { name: 'filter.minTotalInvestmentWan', label: 'admin.target.filter.minTotal', control: 'number', paths: ['metric.filter.minTotalInvestmentWan'] },
  ].map(
    (f): FormFieldSpec =>
      ({
        ...f,
        when: { field: 'metricKind', is: PROJECT_METRICS },
        readOnly,
        hint: f.control === 'multi' ? 'admin.target.filter.hint' : undefined,
      }) as FormFieldSpec,
  );

const FILTER_LISTS = ['categories', 'kinds', 'sources', 'keyLevels', 'unitIds'] as const;

function projectFilter(values: FormValues, numbers: NumberReader): ProjectFilter {
  const filter: ProjectFilter = {};
  for (const key of FILTER_LISTS) {
    const chosen = list(values, `filter.${key}`);
    if (chosen.length > 0) (filter as Record<string, string[]>)[key] = chosen;
  }
  if (text(values, 'filter.minTotalInvestmentWan').trim() !== '') filter.minTotalInvestmentWan = numbers.read('filter.minTotalInvestmentWan', 'err.money.type');
  return filter;
}

function filterValues(filter: ProjectFilter | undefined): FormValues {
  const out: FormValues = {};
  for (const key of FILTER_LISTS) out[`filter.${key}`] = [...(filter?.[key] ?? [])];
  out['filter.minTotalInvestmentWan'] = filter?.minTotalInvestmentWan === undefined ? '' : String(filter.minTotalInvestmentWan);
  return out;
}

/** 个人招商任务: per rank, the total investment a project must reach to count (副处级以上 1000 万元, 正科级 500 万元 …). */
const quotaFields = (readOnly: boolean): FormFieldSpec[] => [
  {
    name: 'perMember',
    label: 'admin.target.perMember',
    control: 'number',
    paths: ['metric.perMember'],
    when: { field: 'metricKind', is: ['memberQuota'] },
    readOnly,
  },
  {
    name: 'deadline',
    label: 'admin.target.deadline',
    control: 'date',
    paths: ['metric.deadline'],
    when: { field: 'metricKind', is: ['memberQuota'] },
    readOnly,
  },
  ...RANKS.map(
    (rank): FormFieldSpec => ({
      name: `threshold.${rank}`,
      label: `admin.target.threshold.${rank}`,
      control: 'number',
      paths: [`metric.thresholdsWan.${rank}`],
      hint: rank === 'cityLeader' ? 'admin.target.thresholdHint' : undefined,
      when: { field: 'metricKind', is: ['memberQuota'] },
      readOnly,
    }),
  ),
];

/** `existing`: the target is stored, its metric fixed (targets computed so far would change meaning). */
export function targetFields(
  units: readonly Named[],
  members: readonly Named[],
  windows: readonly Pick<CampaignWindow, 'id' | 'name'>[],
  existing = false,
): FormFieldSpec[] {
  return [
    { name: 'title', label: 'admin.target.title', control: 'text' },
    { name: 'scopeKind', label: 'admin.target.scopeKind', control: 'select', choices: enumChoices(['workspace', 'unit', 'member'], 'admin.target.scopeKind') },
    {
      name: 'scopeUnitId',
      label: 'admin.target.scopeUnit',
      control: 'select',
      choices: namedChoices(units, false),
      paths: ['scope'],
      when: { field: 'scopeKind', is: ['unit'] },
    },
    {
      name: 'scopeMemberId',
      label: 'admin.target.scopeMember',
      control: 'select',
      choices: namedChoices(members, false),
      paths: ['scope'],
      when: { field: 'scopeKind', is: ['member'] },
    },
    { name: 'start', label: 'admin.target.start', control: 'date' },
    { name: 'end', label: 'admin.target.end', control: 'date' },
    { name: 'windowId', label: 'admin.target.window', control: 'select', choices: namedChoices(windows, true) },
    {
      name: 'metricKind',
      label: 'admin.target.metric',
      control: 'select',
      choices: enumChoices(METRICS, 'admin.metric'),
      paths: ['metric'],
      readOnly: existing,
      ...(existing ? { hint: 'admin.target.metricFixed' as const } : {}),
    },
    {
      name: 'stage',
      label: 'admin.target.stage',
      control: 'select',
      choices: enumChoices([...STAGES, STARTED_OR_CONTINUING], 'stage'),
      when: { field: 'metricKind', is: ['stageCount'] },
      readOnly: existing,
    },
    { name: 'unitLabel', label: 'admin.target.unitLabel', control: 'text', when: { field: 'metricKind', is: ['manual'] }, readOnly: existing },
    {
      name: 'aggregate',
      label: 'admin.target.aggregate',
      control: 'select',
      choices: enumChoices(['sum', 'latest', 'rate'], 'admin.target.aggregate'),
      when: { field: 'metricKind', is: ['manual'] },
      readOnly: existing,
    },
    ...quotaFields(existing),
    ...filterFields(units, existing),
    { name: 'goal', label: 'admin.target.goal', control: 'number' },
  ];
}

export function newTargetValues(year: number): FormValues {
  return {
    title: '',
    scopeKind: 'workspace',
    scopeUnitId: '',
    scopeMemberId: '',
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    windowId: NONE,
    metricKind: 'stageCount',
    stage: 'started',
    unitLabel: '',
    aggregate: 'sum',
    perMember: '1',
    deadline: `${year}-11-30`,
    ...Object.fromEntries(RANKS.map((r) => [`threshold.${r}`, ''])),
    ...filterValues(undefined),
    goal: '',
  };
}

export function targetValues(t: Target): FormValues {
  return {
    title: t.title,
    scopeKind: t.scope.kind,
    scopeUnitId: t.scope.kind === 'unit' ? t.scope.unitId : '',
    scopeMemberId: t.scope.kind === 'member' ? t.scope.memberId : '',
    start: t.start,
    end: t.end,
    windowId: t.windowId ?? NONE,
    metricKind: t.metric.kind,
    stage: t.metric.kind === 'stageCount' ? t.metric.stage : 'started',
    unitLabel: t.metric.kind === 'manual' ? t.metric.unitLabel : '',
    aggregate: t.metric.kind === 'manual' ? t.metric.aggregate : 'sum',
    perMember: t.metric.kind === 'memberQuota' ? String(t.metric.perMember) : '1',
    deadline: t.metric.kind === 'memberQuota' ? t.metric.deadline : `${t.start.slice(0, 4)}-11-30`,
    ...Object.fromEntries(
      RANKS.map((r) => {
        const threshold = t.metric.kind === 'memberQuota' ? t.metric.thresholdsWan[r] : undefined;
        return [`threshold.${r}`, threshold === undefined ? '' : String(threshold)];
      }),
    ),
    ...filterValues(t.metric.kind === 'stageCount' || t.metric.kind === 'investmentSum' ? t.metric.filter : undefined),
    goal: String(t.goal),
  };
}

function targetScope(values: FormValues): TargetScope | null {
  switch (text(values, 'scopeKind')) {
    case 'unit': {
      const unitId = optionalId(values, 'scopeUnitId');
      return unitId ? { kind: 'unit', unitId } : null;
    }
    case 'member': {
      const memberId = optionalId(values, 'scopeMemberId');
      return memberId ? { kind: 'member', memberId } : null;
    }
    default:
      return { kind: 'workspace' };
  }
}

function targetMetric(values: FormValues, numbers: NumberReader): TargetMetric {
  switch (text(values, 'metricKind')) {
    case 'investmentSum':
      return { kind: 'investmentSum', filter: projectFilter(values, numbers) };
    case 'memberQuota': {
      const thresholdsWan: Partial<Record<Rank, number>> = {};
      for (const rank of RANKS) {
        // an empty threshold: that rank owes nothing
        if (text(values, `threshold.${rank}`).trim() !== '') thresholdsWan[rank] = numbers.read(`threshold.${rank}`, 'err.money.type');
      }
      return { kind: 'memberQuota', thresholdsWan, perMember: numbers.read('perMember'), deadline: text(values, 'deadline') };
    }
    case 'manual': {
      const aggregate = text(values, 'aggregate');
      return {
        kind: 'manual',
        aggregate: aggregate === 'latest' || aggregate === 'rate' ? aggregate : 'sum',
        unitLabel: text(values, 'unitLabel').trim(),
        values: {},
      };
    }
    default:
      return {
        kind: 'stageCount',
        stage: text(values, 'stage') as Extract<TargetMetric, { kind: 'stageCount' }>['stage'],
        filter: projectFilter(values, numbers),
      };
  }
}

/** A new target from the form (scope, period, goal and metric). */
export function targetInput(values: FormValues): Parsed<TargetInput> {
  const numbers = new NumberReader(values);
  const goal = numbers.read('goal', 'err.target.goal');
  const metric = targetMetric(values, numbers);
  const scope = targetScope(values);
  if (scope === null) {
    const field = text(values, 'scopeKind') === 'unit' ? 'scopeUnitId' : 'scopeMemberId';
    return err({ errors: [...numbers.errors, { path: field, key: 'err.required', params: {} }] });
  }
  return numbers.result({
    title: text(values, 'title'),
    scope,
    start: text(values, 'start'),
    end: text(values, 'end'),
    windowId: optionalId(values, 'windowId'),
    goal,
    metric,
  });
}

/** An edit of a stored target: everything but its metric. */
export function targetPatch(values: FormValues): Parsed<Omit<TargetInput, 'metric' | 'id'>> {
  const parsed = targetInput(values);
  if (!parsed.ok) return parsed;
  const { metric: _metric, id: _id, ...rest } = parsed.value;
  return ok({ value: rest });
}
