import { isMessageKey, t, type MessageKey } from '../../../shared/i18n';
import { formatMoneyWan, formatShanghaiTime } from '../../../shared/format';
import type { Locale } from '../../../shared/schema/common';
import { STAGES } from '../../../shared/schema/stage';

/** Field names as people read them, for every field a project document's history can mention. */
const FIELD_LABELS: Record<string, MessageKey> = {
  code: 'board.field.code',
  name: 'board.field.name',
  category: 'board.field.category',
  kind: 'board.field.kind',
  source: 'board.field.source',
  keyLevel: 'board.field.keyLevel',
  unitId: 'board.field.unit',
  serviceUnitId: 'board.field.serviceUnit',
  countyId: 'board.field.county',
  leaderId: 'board.field.leader',
  ownerId: 'board.field.owner',
  attractedById: 'board.field.attractedBy',
  team: 'board.field.team',
  totalInvestmentWan: 'board.field.total',
  annualPlanWan: 'board.field.annualPlan',
  stage: 'board.field.stage',
  stageDates: 'board.field.stageDates',
  plannedStart: 'board.field.plannedStart',
  plannedCompletion: 'board.field.plannedCompletion',
  progressNote: 'board.field.progress',
  plan: 'board.field.plan',
  content: 'board.field.content',
  archived: 'board.field.archived',
  title: 'board.field.title',
  dueDate: 'board.field.dueDate',
  done: 'board.field.done',
  description: 'board.field.description',
  departmentId: 'board.field.department',
  deadline: 'board.field.deadline',
  status: 'board.field.status',
  escalation: 'board.field.escalation',
  resolution: 'board.field.resolution',
  notes: 'board.field.notes',
  completedWan: 'board.field.completed',
  cumulativeWan: 'board.field.cumulative',
  progress: 'board.field.reportProgress',
  issues: 'board.field.issues',
};

/** Fields whose values are names of the domain's values, and the label table they come from. */
const VALUE_LABEL_PREFIX: Record<string, string> = {
  stage: 'stage',
  category: 'category',
  kind: 'kind',
  source: 'source',
  keyLevel: 'keyLevel',
  status: 'problemStatus',
  escalation: 'escalation',
};

const RECORD_LABELS: Record<string, MessageKey> = {
  milestone: 'board.record.milestone',
  problem: 'board.record.problem',
  report: 'board.record.report',
};

const MAX_SHOWN = 60;

export function fieldLabel(field: string, locale: Locale): string {
  const key = FIELD_LABELS[field];
  return key ? t(locale, key) : field;
}

/** "节点", "问题", "月报 2026-03": the record a change was made to, when it is not the project itself. */
export function recordLabel(record: { kind: string; id: string }, locale: Locale): string {
  const key = RECORD_LABELS[record.kind];
  const kind = key ? t(locale, key) : record.kind;
  return record.kind === 'report' ? `${kind} ${record.id}` : kind;
}

function label(prefix: string, value: string, locale: Locale): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(locale, key) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatValue(field: string, value: unknown, locale: Locale, names: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null) return '—';
  const nameOf = (id: unknown): string => (typeof id === 'string' ? (names.get(id) ?? id) : String(id));
  if (typeof value === 'boolean') return t(locale, value ? 'board.value.yes' : 'board.value.no');
  if (typeof value === 'number') return field.endsWith('Wan') ? formatMoneyWan(value, locale) : String(value);
  if (typeof value === 'string') {
    const prefix = VALUE_LABEL_PREFIX[field];
    if (prefix) return label(prefix, value, locale);
    return field.endsWith('Id') ? nameOf(value) : value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(nameOf).join('、');
  if (isRecord(value)) {
    // A stage move as one value: { stage, dates }.
    if (typeof value.stage === 'string') return label('stage', value.stage, locale);
    // Stage dates: 签约 2026-01-10；开工 2026-03-05.
    if (Object.keys(value).every((k) => (STAGES as readonly string[]).includes(k))) {
      return (
        STAGES.filter((s) => typeof value[s] === 'string')
          .map((s) => `${label('stage', s, locale)} ${String(value[s])}`)
          .join('；') || '—'
      );
    }
    // 销号: who closed it and the evidence.
    if (typeof value.evidence === 'string') return t(locale, 'board.value.resolvedBy', { who: nameOf(value.by), evidence: value.evidence });
    // A tick: who and when.
    if (typeof value.by === 'string' && typeof value.at === 'number') {
      return t(locale, 'board.value.doneBy', { who: nameOf(value.by), when: formatShanghaiTime(value.at) });
    }
  }
  return JSON.stringify(value);
}

/** A field's value as a person reads it in the history: names for ids, labels for stages and kinds, money in 万元/亿元. */
export function historyValue(field: string, value: unknown, locale: Locale, names: ReadonlyMap<string, string>): string {
  const text = formatValue(field, value, locale, names);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
