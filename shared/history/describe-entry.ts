/**
 * The attributed history in plain words (issue #13 "readable"): one sentence per user action, with names for members
 * and units, labels for every field, stage and status labels, money in 万元/亿元 and dates — never an id or an
 * internal key. A 月报 filing is one sentence ("报送 2026年11月 月报：本月 395.4 万元，累计 2085.1 万元"), not one line per
 * field. Used by the board's project history and by GET …/history.
 */
import { isMessageKey, type MessageKey, t } from '../i18n';
import { formatMoneyWan, formatShanghaiTime } from '../format';
import type { Locale } from '../schema/common';
import { STAGES } from '../schema/stage';

export type HistoryRecordKind = 'project' | 'milestone' | 'problem' | 'report';

/** One field of one record changed by one stored update (as the server's replay reports it). */
export interface DescribedChange {
  /** `title`: the record's title (milestone), description (problem) when the replay knows it. */
  record: { kind: string; id: string; title?: string | null } | null;
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface DescribeContext {
  locale: Locale;
  /** Display names of members and units (and anything else named by id), by id. */
  names: ReadonlyMap<string, string>;
}

/** The author who is the server itself (imports, derivations, the demo's seeding). */
const SERVER_AUTHOR = 'server';

/** Fields a person does not read: ids and bookkeeping the entry itself states (who, when). */
const HIDDEN_FIELDS = new Set(['id', 'month', 'created', 'updated']);

/** Labels of every field a project document's history can mention, by record kind then field. */
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
  order: 'history.field.order',
  done: 'board.field.done',
  description: 'board.field.description',
  raised: 'history.field.raised',
  departmentId: 'board.field.department',
  deadline: 'board.field.deadline',
  status: 'board.field.status',
  escalation: 'board.field.escalation',
  resolution: 'board.field.resolution',
  request: 'history.field.request',
  returned: 'history.field.returned',
  notes: 'board.field.notes',
  completedWan: 'board.field.completed',
  cumulativeWan: 'board.field.cumulative',
  issues: 'board.field.issues',
  filed: 'history.field.filed',
  revisions: 'history.field.revisions',
};

/** `progress` means a problem's latest progress report, or a 月报's text. */
function fieldKey(kind: string, field: string): MessageKey | null {
  if (field === 'progress') return kind === 'problem' ? 'history.field.problemProgress' : 'board.field.reportProgress';
  return FIELD_LABELS[field] ?? null;
}

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

const MAX_TEXT = 60;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

/** A member's or unit's name; never the id ("server" is the system; an id nobody is named by stays unnamed). */
export function personName(id: unknown, ctx: DescribeContext): string {
  if (id === SERVER_AUTHOR) return t(ctx.locale, 'history.server');
  if (typeof id !== 'string') return t(ctx.locale, 'history.unknownPerson');
  return ctx.names.get(id) ?? t(ctx.locale, 'history.unknownPerson');
}

/** "2026-11" as "2026年11月" / "2026-11". */
export function monthLabel(month: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return clip(month);
  return t(locale, 'history.month', { year: match[1] ?? '', month: locale === 'zh-CN' ? String(Number(match[2])) : (match[2] ?? '') });
}

function valueLabel(prefix: string, value: string, locale: Locale): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(locale, key) : clip(value);
}

/** A field's value as a person reads it. */
export function describeValue(field: string, value: unknown, ctx: DescribeContext): string {
  const { locale } = ctx;
  if (value === undefined || value === null || value === '') return t(locale, 'history.value.none');
  if (typeof value === 'boolean') return t(locale, value ? 'board.value.yes' : 'board.value.no');
  if (typeof value === 'number') return field.endsWith('Wan') ? formatMoneyWan(value, locale) : String(value);
  if (typeof value === 'string') {
    const prefix = VALUE_LABEL_PREFIX[field];
    if (prefix) return valueLabel(prefix, value, locale);
    return field.endsWith('Id') ? personName(value, ctx) : clip(value);
  }
  if (Array.isArray(value)) {
    if (field === 'revisions') return t(locale, 'history.value.versions', { count: value.length });
    if (value.length === 0) return t(locale, 'history.value.none');
    return value.map((v) => (typeof v === 'string' ? personName(v, ctx) : describeValue(field, v, ctx))).join('、');
  }
  if (isRecord(value)) {
    if (typeof value.stage === 'string') return valueLabel('stage', value.stage, locale);
    if (Object.keys(value).length > 0 && Object.keys(value).every((k) => (STAGES as readonly string[]).includes(k))) {
      return STAGES.filter((s) => typeof value[s] === 'string')
        .map((s) => `${valueLabel('stage', s, locale)} ${String(value[s])}`)
        .join('；');
    }
    if ('by' in value) {
      const who = personName(value.by, ctx);
      const when = typeof value.at === 'number' ? formatShanghaiTime(value.at) : '';
      const text = [value.evidence, value.reason, value.note].find((v): v is string => typeof v === 'string');
      return text === undefined ? t(locale, 'history.value.attribution', { who, when }) : t(locale, 'history.value.withText', { who, when, text: clip(text) });
    }
    if (typeof value.completedWan === 'number' || typeof value.cumulativeWan === 'number') {
      return [value.completedWan, value.cumulativeWan].map((v) => (typeof v === 'number' ? formatMoneyWan(v, locale) : '—')).join(' / ');
    }
  }
  return '—';
}

function fieldLabel(kind: string, field: string, locale: Locale): string | null {
  const key = fieldKey(kind, field);
  return key === null ? null : t(locale, key);
}

/** "「城东污水处理厂二期」" for a record the change names, or nothing when its title is unknown. */
function quoted(title: unknown, locale: Locale): string {
  return typeof title === 'string' && title.trim() !== '' ? t(locale, 'history.quoted', { text: clip(title) }) : '';
}

function textOf(value: unknown, key: string): string {
  return isRecord(value) && typeof value[key] === 'string' ? clip(value[key]) : '';
}

/** Field-by-field sentence for the changes no action phrase covers ("修改节点「…」：到期日由 … 改为 …"). */
function editPhrase(kind: string, record: string, changes: readonly DescribedChange[], ctx: DescribeContext): string | null {
  const { locale } = ctx;
  const parts: string[] = [];
  for (const change of changes) {
    if (HIDDEN_FIELDS.has(change.field)) continue;
    const field = fieldLabel(kind, change.field, locale);
    if (field === null) continue; // a key the model does not know: nothing a person could read
    const from = isEmpty(change.from) ? null : describeValue(change.field, change.from, ctx);
    const to = isEmpty(change.to) ? null : describeValue(change.field, change.to, ctx);
    if (from === null && to === null) continue;
    if (to === null) parts.push(t(locale, 'history.cleared', { field, from: from ?? '' }));
    else if (from === null) parts.push(t(locale, 'history.set', { field, to }));
    else parts.push(t(locale, 'history.change', { field, from, to }));
  }
  return parts.length === 0 ? null : t(locale, 'history.edit', { record, changes: parts.join(t(locale, 'history.listJoiner')) });
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isNew(byField: ReadonlyMap<string, DescribedChange>): boolean {
  const created = byField.get('created') ?? byField.get('id');
  return created !== undefined && (created.from === undefined || created.from === null);
}

/** The phrases of one record's changes: the action they make, then any other field edited alongside. */
function recordPhrases(kind: string, id: string, title: string | null | undefined, changes: readonly DescribedChange[], ctx: DescribeContext): string[] {
  const { locale } = ctx;
  const byField = new Map(changes.map((c) => [c.field, c]));
  const to = (field: string): unknown => byField.get(field)?.to;
  const from = (field: string): unknown => byField.get(field)?.from;
  const phrases: string[] = [];
  const covered = new Set<string>();
  const cover = (...fields: string[]): void => {
    for (const f of fields) covered.add(f);
  };
  const name = quoted(title ?? to('title') ?? from('title') ?? to('description') ?? from('description') ?? to('name') ?? from('name'), locale);

  if (kind === 'report') {
    const month = monthLabel(id, locale);
    const correction = (from('filed') !== undefined && from('filed') !== null) || byField.has('revisions');
    const completed = to('completedWan');
    const cumulative = to('cumulativeWan');
    if (typeof completed === 'number' && typeof cumulative === 'number') {
      phrases.push(
        t(locale, correction ? 'history.report.correct' : 'history.report.file', {
          month,
          completed: formatMoneyWan(completed, locale),
          cumulative: formatMoneyWan(cumulative, locale),
        }),
      );
    } else phrases.push(t(locale, correction ? 'history.report.correctText' : 'history.report.fileText', { month }));
    // the texts are part of the filing; the figures, filer and kept versions are what the sentence says
    cover('completedWan', 'cumulativeWan', 'filed', 'revisions', 'month', 'progress', 'issues');
  } else if (kind === 'project') {
    if (isNew(byField)) {
      phrases.push(t(locale, 'history.project.create', { name }));
      return phrases;
    }
    if (byField.has('stage')) {
      const was = from('stage');
      const now = to('stage');
      if (typeof now === 'string') {
        phrases.push(
          typeof was === 'string'
            ? t(locale, 'history.project.stage', { from: valueLabel('stage', was, locale), to: valueLabel('stage', now, locale) })
            : t(locale, 'history.project.stageSet', { to: valueLabel('stage', now, locale) }),
        );
        cover('stage', 'stageDates');
      }
    }
    if (byField.has('archived')) {
      phrases.push(t(locale, to('archived') === true ? 'history.project.archive' : 'history.project.restore'));
      cover('archived');
    }
  } else if (kind === 'milestone') {
    if (isNew(byField)) {
      phrases.push(t(locale, 'history.milestone.add', { title: name, due: describeValue('dueDate', to('dueDate'), ctx) }));
      return phrases;
    }
    if (byField.has('done')) {
      phrases.push(t(locale, to('done') ? 'history.milestone.tick' : 'history.milestone.untick', { title: name }));
      cover('done');
    }
    if (byField.has('archived')) {
      phrases.push(t(locale, to('archived') === true ? 'history.milestone.archive' : 'history.milestone.restore', { title: name }));
      cover('archived');
    }
  } else if (kind === 'problem') {
    if (isNew(byField) || (byField.has('raised') && (from('raised') === undefined || from('raised') === null))) {
      phrases.push(t(locale, 'history.problem.add', { title: name }));
      return phrases;
    }
    if (isRecord(to('resolution'))) {
      // confirming a 销号 request, or 项目办 closing it outright with its evidence
      const requested = isRecord(from('request'));
      phrases.push(
        requested
          ? t(locale, 'history.problem.confirmClose', { title: name })
          : t(locale, 'history.problem.resolve', { title: name, evidence: textOf(to('resolution'), 'evidence') }),
      );
      cover('resolution', 'status', 'request', 'returned');
    } else if (from('status') === 'resolved' && typeof to('status') === 'string') {
      phrases.push(t(locale, 'history.problem.reopen', { title: name }));
      cover('resolution', 'status', 'request', 'returned');
    } else if (isRecord(to('returned'))) {
      phrases.push(t(locale, 'history.problem.returnClose', { title: name, reason: textOf(to('returned'), 'reason') }));
      cover('returned', 'status', 'request');
    } else if (isRecord(to('request'))) {
      phrases.push(t(locale, 'history.problem.requestClose', { title: name, evidence: textOf(to('request'), 'evidence') }));
      cover('request', 'status', 'returned');
    }
    if (isRecord(to('progress'))) {
      phrases.push(t(locale, 'history.problem.progress', { title: name, note: textOf(to('progress'), 'note') }));
      cover('progress');
    }
    if (byField.has('status') && !covered.has('status')) {
      phrases.push(
        t(locale, 'history.problem.status', {
          title: name,
          from: describeValue('status', from('status'), ctx),
          to: describeValue('status', to('status'), ctx),
        }),
      );
      cover('status', 'resolution', 'request', 'returned');
    }
    if (byField.has('escalation')) {
      phrases.push(
        t(locale, 'history.problem.escalate', {
          title: name,
          from: describeValue('escalation', from('escalation'), ctx),
          to: describeValue('escalation', to('escalation'), ctx),
        }),
      );
      cover('escalation');
    }
    if (byField.has('archived')) {
      phrases.push(t(locale, to('archived') === true ? 'history.problem.archive' : 'history.problem.restore', { title: name }));
      cover('archived');
    }
  }

  const rest = changes.filter((c) => !covered.has(c.field));
  const recordName =
    kind === 'milestone' || kind === 'problem'
      ? t(locale, kind === 'milestone' ? 'history.record.milestone' : 'history.record.problem', { title: name })
      : kind === 'report'
        ? t(locale, 'history.record.report', { month: monthLabel(id, locale) })
        : t(locale, 'history.record.project');
  const edit = editPhrase(kind, recordName, rest, ctx);
  if (edit !== null) phrases.push(edit);
  return phrases;
}

/**
 * What one user action (one stored update, or one activity entry) did, in one sentence without the author: its
 * changes grouped by record, each record's action phrase first. Empty when nothing a person reads changed.
 */
export function describeChanges(changes: readonly DescribedChange[], ctx: DescribeContext): string {
  const groups = new Map<string, { kind: string; id: string; title: string | null | undefined; changes: readonly DescribedChange[] }>();
  for (const change of changes) {
    const kind = change.record?.kind ?? 'project';
    const id = change.record?.id ?? '';
    const key = `${kind}\u0000${id}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind, id, title: change.record?.title, changes: [] };
      groups.set(key, group);
    }
    group.changes = [...group.changes, change];
  }
  const all = [...groups.values()];
  // a 月报's progress text is mirrored into the project's 形象进度: the filing says it
  if (all.some((g) => g.kind === 'report')) {
    for (const g of all) if (g.kind === 'project') g.changes = g.changes.filter((c) => c.field !== 'progressNote');
  }
  const phrases: string[] = [];
  const project = all.find((g) => g.kind === 'project');
  const created = project !== undefined && isNew(new Map(project.changes.map((c) => [c.field, c])));
  if (created) {
    // registering a project makes its default milestones: one sentence names them
    const milestones = all.filter((g) => g.kind === 'milestone' && isNew(new Map(g.changes.map((c) => [c.field, c]))));
    const titleOf = (g: (typeof all)[number]): string => {
      const title = g.title ?? g.changes.find((c) => c.field === 'title')?.to;
      return typeof title === 'string' ? clip(title) : '';
    };
    const projectName = quoted(project.changes.find((c) => c.field === 'name')?.to, ctx.locale);
    phrases.push(
      milestones.length === 0
        ? t(ctx.locale, 'history.project.create', { name: projectName })
        : t(ctx.locale, 'history.project.createWithMilestones', {
            name: projectName,
            titles: milestones
              .map(titleOf)
              .filter((s) => s !== '')
              .join(t(ctx.locale, 'history.titleJoiner')),
          }),
    );
    for (const g of all) if (g !== project && !milestones.includes(g)) phrases.push(...recordPhrases(g.kind, g.id, g.title, g.changes, ctx));
  } else {
    for (const g of all) phrases.push(...recordPhrases(g.kind, g.id, g.title, g.changes, ctx));
  }
  return phrases.filter((p) => p !== '').join(t(ctx.locale, 'history.joiner'));
}

/** "张三 报送 2026年11月 月报：本月 395.4 万元，累计 2085.1 万元": who did what, in one sentence. */
export function describeEntry(entry: { author: string; changes: readonly DescribedChange[] }, ctx: DescribeContext): string {
  return t(ctx.locale, 'history.entry', { who: personName(entry.author, ctx), what: describeChanges(entry.changes, ctx) });
}

/** Names by id from the workspace's members and units (the ids a project's history mentions). */
export function historyNames(...lists: readonly (readonly { id: string; name: string }[])[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists) for (const { id, name } of list) if (!names.has(id)) names.set(id, name);
  return names;
}

/** A field's label as people read it ("总投资", "到期日"); the record kind tells a problem's 进展 from a 月报's. */
export function fieldName(kind: string, field: string, locale: Locale): string {
  return fieldLabel(kind, field, locale) ?? t(locale, 'history.value.none');
}

/** "项目", "节点「设备进场」", "问题「用地指标未落实」", "2026年11月 月报". */
export function recordName(record: { kind: string; id: string; title?: string | null }, locale: Locale): string {
  const title = quoted(record.title, locale);
  if (record.kind === 'milestone') return t(locale, 'history.record.milestone', { title });
  if (record.kind === 'problem') return t(locale, 'history.record.problem', { title });
  if (record.kind === 'report') return t(locale, 'history.record.report', { month: monthLabel(record.id, locale) });
  return t(locale, 'history.record.project');
}
