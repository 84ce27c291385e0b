import { t } from '../i18n';
import { formatPercent, formatPoints } from '../format';
import type { MessageKey } from '../i18n';
import type { MessageParams } from '../i18n/translate';
import { STAGES, stageIndex } from '../schema/stage';
import type { CalendarDate, Id, Locale, Month } from '../schema/common';
import type { Light, SummaryRow, TargetResult } from '../schema/summary';
import type { Stage } from '../schema/stage';
import type { Target } from '../schema/target';
import type { WorkspaceData } from '../schema/bundle';
import { addMonths, endOfMonth, minDate, monthNumber, monthOf, yearOf, yearRange } from './dates';
import type { DateRange } from './dates';
import { effectiveEscalation } from './escalation';
import { goalGapText, manualValueText } from './pace';
import { targetMeasure, type TargetMeasure } from './target-value';
import { RANKING_METRICS, rankMembers, rankUnitsByKind } from './rankings';
import { UnitKindSchema } from '../schema/unit';
import type { Ranking, RankingMetric } from './rankings';

/** Units are compared on money, starts and closing problems; members on money and closing problems (outcomes only). */
export const CIRCULAR_UNIT_METRICS: readonly RankingMetric[] = ['investmentShare', 'startRate', 'problemResolutionRate'];
export const CIRCULAR_MEMBER_METRICS: readonly RankingMetric[] = ['investmentShare', 'problemResolutionRate'];

/** Stages whose reaching in the month earns a project a mention (开工, 竣工, 投产, 达产). */
const PRAISED_STAGES: readonly Stage[] = ['started', 'completed', 'operating', 'fullProduction'];

export interface CircularEntry {
  /** Who is named: a unit, a member, a project, or a workspace-wide target (id = target id, name = the workspace's). */
  kind: 'unit' | 'member' | 'project' | 'target';
  id: Id;
  name: string;
  reasonKey: MessageKey;
  /** Raw values (ids, shares, points, days); `describeCircularEntry` words and formats them. */
  params: MessageParams;
}

export interface CircularTarget {
  targetId: Id;
  title: string;
  scope: Target['scope']['kind'];
  /** The unit's or member's name for a scoped target; empty for the workspace. */
  scopeName: string;
  light: Light;
  goal: number;
  actual: number;
  share: number;
  /** null for a rate target (增速 %): compared with its goal directly, no 序时. */
  expectedShare: number | null;
  /** 超序时进度 (positive) / 落后序时进度 (negative), percentage points; for a rate target, actual − goal. */
  gapPoints: number;
  met: boolean;
  /** How goal and actual read (万元/亿元, 个, or the hand-entered unit). */
  measure: TargetMeasure;
  /** A hand-entered value's unit (%, 亿元); empty otherwise. */
  unitLabel: string;
}

export interface NotFiledReport {
  projectId: Id;
  projectName: string;
  ownerId: Id | null;
  ownerName: string;
  unitName: string;
}

export interface MonthlyCircular {
  month: Month;
  title: { key: MessageKey; params: MessageParams };
  /** The rankings cover the campaign year up to the month's end (or up to as-of, for a circular drafted mid-month). */
  period: DateRange;
  rankingAsOf: CalendarDate;
  /** The month's 月报 is due on this day (reportDueDay of the next month). */
  reportDue: CalendarDate;
  targetSummary: CircularTarget[];
  unitRankings: Ranking[];
  memberRankings: Ranking[];
  praised: CircularEntry[];
  criticised: CircularEntry[];
  notFiled: NotFiledReport[];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRankingMetric(value: unknown): value is RankingMetric {
  return (RANKING_METRICS as readonly unknown[]).includes(value);
}

function isStage(value: unknown): value is Stage {
  return (STAGES as readonly unknown[]).includes(value);
}

/** The valued entries of a ranking, when there are at least two to compare. */
function comparable(ranking: Ranking): { id: Id; name: string; value: number }[] {
  const valued = ranking.entries.flatMap((e) => (e.value === null ? [] : [{ id: e.id, name: e.name, value: e.value }]));
  return valued.length >= 2 ? valued : [];
}

function rankingMentions(rankings: readonly Ranking[], kind: 'unit' | 'member', praised: CircularEntry[], criticised: CircularEntry[] | null): void {
  for (const ranking of rankings) {
    const valued = comparable(ranking);
    if (valued.length === 0) continue;
    const top = Math.max(...valued.map((e) => e.value));
    const bottom = Math.min(...valued.map((e) => e.value));
    for (const e of valued) {
      const params = { metric: ranking.metric, value: e.value };
      // Praise: first place, with something to show for it (a positive value).
      if (e.value === top && top > 0) praised.push({ kind, id: e.id, name: e.name, reasonKey: 'circular.praise.rankTop', params });
      // Criticise: last place, when the field is not all level.
      else if (criticised && e.value === bottom && bottom < top)
        criticised.push({ kind, id: e.id, name: e.name, reasonKey: 'circular.criticise.rankBottom', params });
    }
  }
}

/** Who a target is about: its unit or member, or, for a workspace-wide target, the target (named by the workspace). */
function targetSubject(target: Target, workspace: WorkspaceData): Pick<CircularEntry, 'kind' | 'id' | 'name'> {
  const scope = target.scope;
  switch (scope.kind) {
    case 'unit':
      return { kind: 'unit', id: scope.unitId, name: workspace.units.find((u) => u.id === scope.unitId)?.name ?? '' };
    case 'member':
      return { kind: 'member', id: scope.memberId, name: workspace.members.find((m) => m.id === scope.memberId)?.name ?? '' };
    case 'workspace':
      // The whole workspace answers for it: the line reads "示范市：“全年完成投资”…".
      return { kind: 'target', id: target.id, name: workspace.name };
  }
}

/** The highest of the praised stages a project reached within the month, if any. */
function stageReachedIn(row: SummaryRow, month: Month, tracked: readonly Stage[]): Stage | null {
  let reached: Stage | null = null;
  for (const stage of PRAISED_STAGES) {
    const date = row.stageDates[stage];
    if (date && monthOf(date) === month && tracked.includes(stage) && (!reached || stageIndex(stage) > stageIndex(reached))) reached = stage;
  }
  return reached;
}

/**
 * The month's circular (一月一通报): targets against 序时, rankings with their formulas, who is praised and who is
 * criticised, and whose 月报 is missing. `targets` are the results the caller computed (evaluateTargets) as of the day.
 */
export function monthlyCircular(
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  targets: readonly TargetResult[],
  month: Month,
  asOf: CalendarDate,
): MonthlyCircular {
  const { campaign } = workspace;
  const active = rows.filter((r) => !r.archived);
  const memberName = new Map(workspace.members.map((m) => [m.id, m.name]));
  const unitName = new Map(workspace.units.map((u) => [u.id, u.name]));
  const praised: CircularEntry[] = [];
  const criticised: CircularEntry[] = [];

  const period = yearRange(campaign.year);
  const rankingAsOf = minDate(asOf, endOfMonth(month));
  // Each kind of unit (县区, 市直部门, 行业专班) among itself, on each metric; a kind with no active unit is left out.
  const byMetric = CIRCULAR_UNIT_METRICS.map((m) => rankUnitsByKind(workspace, active, period, rankingAsOf, m));
  const unitRankings = UnitKindSchema.options.flatMap((kind) => byMetric.map((r) => r[kind]).filter((r) => r.entries.length > 0));
  const memberRankings = CIRCULAR_MEMBER_METRICS.map((m) => rankMembers(workspace, active, period, rankingAsOf, m));
  rankingMentions(unitRankings, 'unit', praised, criticised);
  // Leaders are praised for leading the field; criticism is kept for units (一把手 answers for the unit).
  rankingMentions(memberRankings, 'member', praised, null);

  const results = new Map(targets.map((r) => [r.targetId, r]));
  const targetSummary: CircularTarget[] = [];
  for (const target of workspace.targets) {
    const result = results.get(target.id);
    if (target.archived || !result) continue;
    const subject = targetSubject(target, workspace);
    targetSummary.push({
      targetId: target.id,
      title: target.title,
      scope: target.scope.kind,
      scopeName: subject.kind === 'target' ? '' : subject.name,
      light: result.light,
      goal: result.goal,
      actual: result.actual,
      share: result.share,
      expectedShare: result.expectedShare,
      gapPoints: result.gapPoints,
      met: result.met,
      ...targetMeasure(target),
    });
    if (result.expectedShare === null) {
      // A rate (增速 %): above or far below its goal, never "超序时".
      const params = { target: target.title, rateActual: result.actual, rateGap: result.gapPoints, unitLabel: targetSummary.at(-1)?.unitLabel ?? '' };
      if (result.gapPoints > 0 && result.light !== 'red') praised.push({ ...subject, reasonKey: 'circular.praise.rateAbove', params });
      if (result.light === 'red') criticised.push({ ...subject, reasonKey: 'circular.criticise.rateRed', params });
      continue;
    }
    const params = { target: target.title, share: result.share, points: result.gapPoints };
    // 超序时进度: ahead of the pace expected by today.
    if (result.gapPoints > 0 && result.light !== 'red') praised.push({ ...subject, reasonKey: 'circular.praise.targetAhead', params });
    // 红灯: overdue or far behind pace.
    if (result.light === 'red') criticised.push({ ...subject, reasonKey: 'circular.criticise.targetRed', params });
  }

  for (const row of active) {
    // A project that reached 开工/竣工/投产/达产 this month is named.
    const stage = stageReachedIn(row, month, campaign.stages);
    if (stage) praised.push({ kind: 'project', id: row.projectId, name: row.name, reasonKey: 'circular.praise.projectStage', params: { stage } });
    // A problem at 督办 (by the rules or by hand) is named with its project.
    for (const p of row.problems) {
      if (p.status === 'resolved') continue;
      const e = effectiveEscalation({ deadline: p.deadline, manual: p.escalation, open: true }, asOf, campaign.escalation);
      if (e.level !== 'supervised') continue;
      criticised.push({
        kind: 'project',
        id: row.projectId,
        name: row.name,
        reasonKey: 'circular.criticise.problemSupervised',
        params: { problem: p.description, problemId: p.id, days: e.daysOverdue, deadline: p.deadline },
      });
    }
  }

  // 月报 of the month: due on reportDueDay of the next month; missing ones are listed, and named once the day passed.
  const reportDue = `${addMonths(month, 1)}-${String(campaign.reportDueDay).padStart(2, '0')}`;
  const missing = active.filter((r) => r.completedByMonth[month] === undefined);
  const notFiled: NotFiledReport[] = missing
    .map((r) => ({
      projectId: r.projectId,
      projectName: r.name,
      ownerId: r.ownerId,
      ownerName: r.ownerId ? (memberName.get(r.ownerId) ?? '') : '',
      unitName: r.unitId ? (unitName.get(r.unitId) ?? '') : '',
    }))
    .sort((a, b) => byText(a.unitName, b.unitName) || byText(a.projectName, b.projectName) || byText(a.projectId, b.projectId));
  if (asOf > reportDue) {
    // The owner answers for a missing report; a project without an owner falls to its responsible unit.
    const late = new Map<string, { kind: 'member' | 'unit'; id: Id; name: string; count: number }>();
    for (const r of missing) {
      const who = r.ownerId
        ? { kind: 'member' as const, id: r.ownerId, name: memberName.get(r.ownerId) ?? '' }
        : r.unitId
          ? { kind: 'unit' as const, id: r.unitId, name: unitName.get(r.unitId) ?? '' }
          : null;
      if (!who) continue;
      const key = `${who.kind}:${who.id}`;
      late.set(key, { ...who, count: (late.get(key)?.count ?? 0) + 1 });
    }
    for (const who of late.values()) {
      criticised.push({
        kind: who.kind,
        id: who.id,
        name: who.name,
        reasonKey: 'circular.criticise.reportNotFiled',
        params: { count: who.count, month, due: reportDue },
      });
    }
  }

  return {
    month,
    title: { key: 'circular.title', params: { year: yearOf(month), month: monthNumber(month) } },
    period: { start: period.start, end: rankingAsOf },
    rankingAsOf,
    reportDue,
    targetSummary,
    unitRankings,
    memberRankings,
    praised,
    criticised,
    notFiled,
  };
}

/** Words a param is shown in: metric and stage names in the locale, shares as 30.90%, points without sign. */
function wordedParams(entry: CircularEntry, locale: Locale): MessageParams {
  const out: MessageParams = { ...entry.params };
  const { metric, value, share, points, stage, rateActual, rateGap, unitLabel } = entry.params;
  const unit = typeof unitLabel === 'string' ? unitLabel : '';
  if (typeof rateActual === 'number') out.rateActual = manualValueText(rateActual, unit);
  if (typeof rateGap === 'number') out.rateGap = goalGapText(locale, rateGap, unit);
  if (isRankingMetric(metric)) {
    out.metric = t(locale, `calc.name.${metric}`);
    if (typeof value === 'number') out.value = metric === 'paceGap' ? formatPoints(value) : formatPercent(value);
  }
  if (typeof share === 'number') out.share = formatPercent(share);
  if (typeof points === 'number') out.points = formatPoints(points);
  if (isStage(stage)) out.stage = t(locale, `stage.${stage}`);
  return out;
}

/** One praised or criticised line as people read it: "高新区：投资完成率排名第一（30.90%）". */
export function describeCircularEntry(entry: CircularEntry, locale: Locale): string {
  const separator = locale === 'zh-CN' ? '：' : ': ';
  return `${entry.name}${separator}${t(locale, entry.reasonKey, wordedParams(entry, locale))}`;
}
