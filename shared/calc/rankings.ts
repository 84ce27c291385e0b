import type { MessageKey } from '../i18n';
import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryProblem, SummaryRow, TargetResult } from '../schema/summary';
import type { Target, TargetScope } from '../schema/target';
import { UnitKindSchema, type UnitKind } from '../schema/unit';
import { minDate, type DateRange } from './dates';
import { sumAnnualPlan, sumInvestment } from './metrics/investment-sum';
import { investmentTaskTarget } from './metrics/investment-task';
import { activeRows } from './metrics/row-scope';
import { expectedShare, paceGap } from './pace';
import { computeRate, problemsByAnsweringUnit, resolutionRateOf } from './rates';
import { targetEvaluator } from './targets';
import { trustedRows } from './trusted-rows';

/**
 * Rankings (工作排行榜), as the 项目办 means them (SPEC §3):
 * - outcomes only, never usage (log-ins, clicks, time online);
 * - within one kind of unit: 县区, 市直部门 and 行业专班 are each ranked among themselves (rankUnits with a kind,
 *   rankUnitsByKind for all three), and 市级领导/包联领导 separately by their 包联 projects (rankMembers);
 * - 问题办结率 belongs to the unit that answers for the problem (its 责任部门; rates.ts answeringUnitId);
 * - 投资完成率 and the 序时 gap use the same definition as the target row of the same figure: against the scope's
 *   投资任务 (its annual 完成投资 target, metrics/investment-task.ts), else the 今年计划投资 of its projects.
 * Every ranking carries its formula. These are the exported names other views (the wall overview) call.
 */
export const RANKING_METRICS = ['investmentShare', 'paceGap', 'landingRate', 'startRate', 'productionRate', 'problemResolutionRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Who a ranking compares: one kind of unit, or the 市级领导/包联领导. */
export const RANKING_SUBJECTS = [...UnitKindSchema.options, 'leader'] as const;
export type RankingSubject = (typeof RANKING_SUBJECTS)[number];

export interface RankingEntry {
  id: Id;
  name: string;
  /** Share (0..1) for rates and investmentShare, percentage points for paceGap; null when undefined (nothing due). */
  value: number | null;
  /** Competition ranking: ties share a rank (1, 1, 3); entries without a value share the last rank. */
  rank: number;
  numerator: number;
  denominator: number;
}

export interface Ranking {
  metric: RankingMetric;
  /** Who is compared: 县区, 市直部门, 行业专班 (each among themselves) or 市级领导/包联领导. */
  subject: RankingSubject;
  /** The formula every ranking shows beside it, in both languages. */
  formulaKey: MessageKey;
  entries: RankingEntry[];
}

interface Candidate {
  id: Id;
  name: string;
  /** The projects it is ranked on. */
  rows: readonly SummaryRow[];
  /** The problems it answers for (问题办结率). */
  problems: readonly SummaryProblem[];
  /** Its 投资任务 target for the period, when the 项目办 set one. */
  task: Target | undefined;
}

type Measured = Omit<RankingEntry, 'rank'>;

interface Context {
  workspace: WorkspaceData;
  period: DateRange;
  asOf: CalendarDate;
  /** Judges a 投资任务 target exactly as the targets table does (one computation, one figure). */
  evaluate: (target: Target, asOf: CalendarDate) => TargetResult;
}

function measure(candidate: Candidate, ctx: Context, metric: RankingMetric): Measured {
  const base = { id: candidate.id, name: candidate.name };
  const { period, asOf } = ctx;
  if (metric === 'investmentShare' || metric === 'paceGap') {
    if (candidate.task) {
      const result = ctx.evaluate(candidate.task, asOf);
      return { ...base, value: metric === 'investmentShare' ? result.share : result.gapPoints, numerator: result.actual, denominator: result.goal };
    }
    const numerator = sumInvestment(candidate.rows, period, asOf);
    const denominator = sumAnnualPlan(candidate.rows);
    if (denominator === 0) return { ...base, value: null, numerator, denominator };
    const share = numerator / denominator;
    const value = metric === 'investmentShare' ? share : paceGap(share, expectedShare(period, asOf, ctx.workspace.campaign.pace));
    return { ...base, value, numerator, denominator };
  }
  const rate =
    metric === 'problemResolutionRate'
      ? resolutionRateOf(candidate.problems, period, minDate(period.end, asOf))
      : computeRate(metric, candidate.rows, period, asOf);
  return { ...base, value: rate.rate, numerator: rate.numerator, denominator: rate.denominator };
}

function formulaKeyOf(metric: RankingMetric): MessageKey {
  switch (metric) {
    case 'investmentShare':
      return 'calc.formula.investmentShare';
    case 'paceGap':
      return 'calc.formula.paceGap';
    case 'landingRate':
      return 'calc.formula.landingRate';
    case 'startRate':
      return 'calc.formula.startRate';
    case 'productionRate':
      return 'calc.formula.productionRate';
    case 'problemResolutionRate':
      return 'calc.formula.problemResolutionRate';
  }
}

/** Best first; equal values share a rank and keep a stable order by id; values that are undefined go last. */
export function rankEntries(measured: readonly Measured[]): RankingEntry[] {
  const sorted = [...measured].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? compareIds(a.id, b.id) : a.value === null ? 1 : -1;
    return b.value - a.value || compareIds(a.id, b.id);
  });
  // Equal values sit side by side once sorted: each takes the rank of the first of its run (linear, not a search).
  const ranked: RankingEntry[] = [];
  for (const [i, entry] of sorted.entries()) {
    const previous = ranked[i - 1];
    ranked.push({ ...entry, rank: previous !== undefined && previous.value === entry.value ? previous.rank : i + 1 });
  }
  return ranked;
}

function compareIds(a: Id, b: Id): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows indexed once by the ids each belongs to (a row counted once per id, in the rows' order): not units × rows scans. */
function rowsBy(rows: readonly SummaryRow[], idsOf: (row: SummaryRow) => readonly (Id | null)[]): Map<Id, SummaryRow[]> {
  const index = new Map<Id, SummaryRow[]>();
  for (const row of rows) {
    for (const id of new Set(idsOf(row))) {
      if (id === null) continue;
      const list = index.get(id);
      if (list) list.push(row);
      else index.set(id, [row]);
    }
  }
  return index;
}

function rank(candidates: readonly Candidate[], ctx: Context, metric: RankingMetric, subject: RankingSubject): Ranking {
  const measured = candidates.map((c) => measure(c, ctx, metric));
  return { metric, subject, formulaKey: formulaKeyOf(metric), entries: rankEntries(measured) };
}

function context(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate): Context {
  let evaluate: Context['evaluate'] | null = null;
  return {
    workspace,
    period,
    asOf,
    // Indexed on first use only: most metrics never judge a target.
    evaluate: (target, on) => {
      evaluate ??= targetEvaluator(workspace, rows);
      return evaluate(target, on);
    },
  };
}

/** Every active unit as a candidate, by kind: its projects (责任单位 or county) and the problems it answers for. */
function unitCandidates(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange): Map<UnitKind, Candidate[]> {
  const trusted = activeRows(trustedRows(rows, workspace));
  const byUnit = rowsBy(trusted, (r) => [r.unitId, r.countyId]);
  const problems = problemsByAnsweringUnit(trusted);
  const byKind = new Map<UnitKind, Candidate[]>(UnitKindSchema.options.map((k) => [k, []]));
  for (const u of workspace.units) {
    if (u.archived) continue;
    const scope: TargetScope = { kind: 'unit', unitId: u.id };
    byKind.get(u.kind)?.push({
      id: u.id,
      name: u.name,
      rows: byUnit.get(u.id) ?? [],
      problems: problems.get(u.id) ?? [],
      task: investmentTaskTarget(workspace, scope, period),
    });
  }
  return byKind;
}

/**
 * Active units of one kind (县区, 市直部门 or 行业专班) ranked among themselves on an outcome of their projects
 * (责任单位 or county) — 问题办结率 on the problems they answer for — as trusted (trusted-rows.ts: 审核).
 */
export function rankUnits(
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  period: DateRange,
  asOf: CalendarDate,
  metric: RankingMetric,
  kind: UnitKind,
): Ranking {
  const candidates = unitCandidates(workspace, rows, period).get(kind) ?? [];
  return rank(candidates, context(workspace, rows, period, asOf), metric, kind);
}

/** The three unit rankings (县区, 市直部门, 行业专班) of one outcome, the rows read once. */
export function rankUnitsByKind(
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  period: DateRange,
  asOf: CalendarDate,
  metric: RankingMetric,
): Record<UnitKind, Ranking> {
  const byKind = unitCandidates(workspace, rows, period);
  const ctx = context(workspace, rows, period, asOf);
  const of = (kind: UnitKind): Ranking => rank(byKind.get(kind) ?? [], ctx, metric, kind);
  return { county: of('county'), department: of('department'), taskForce: of('taskForce') };
}

/**
 * 市级领导/包联领导 ranked on the outcomes of their 包联 projects (the projects they are 联系领导 of), as trusted: every
 * active 市级领导, and any other member who leads a project. 问题办结率 counts the problems of those projects.
 */
export function rankMembers(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const trusted = activeRows(trustedRows(rows, workspace));
  const byLeader = rowsBy(trusted, (r) => [r.leaderId]);
  const candidates: Candidate[] = workspace.members
    .filter((m) => !m.archived && (m.rank === 'cityLeader' || byLeader.has(m.id)))
    .map((m) => {
      const led = byLeader.get(m.id) ?? [];
      return {
        id: m.id,
        name: m.name,
        rows: led,
        problems: led.flatMap((r) => r.problems),
        task: investmentTaskTarget(workspace, { kind: 'member', memberId: m.id }, period),
      };
    });
  return rank(candidates, context(workspace, rows, period, asOf), metric, 'leader');
}
