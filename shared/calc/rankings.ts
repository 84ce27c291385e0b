import type { MessageKey } from '../i18n';
import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryRow } from '../schema/summary';
import type { DateRange } from './dates';
import { sumAnnualPlan, sumInvestment } from './metrics/investment-sum';
import { activeRows, isUnitRow } from './metrics/row-scope';
import { expectedShare, paceGap } from './pace';
import { computeRate } from './rates';

/** Outcomes only: a ranking never counts usage (log-ins, clicks, time online). */
export const RANKING_METRICS = ['investmentShare', 'paceGap', 'startRate', 'productionRate', 'problemResolutionRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

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
  /** The formula every ranking shows beside it, in both languages. */
  formulaKey: MessageKey;
  entries: RankingEntry[];
}

interface Candidate {
  id: Id;
  name: string;
  rows: SummaryRow[];
}

type Measured = Omit<RankingEntry, 'rank'>;

function measure(candidate: Candidate, workspace: WorkspaceData, period: DateRange, asOf: CalendarDate, metric: RankingMetric): Measured {
  const base = { id: candidate.id, name: candidate.name };
  if (metric === 'investmentShare' || metric === 'paceGap') {
    const numerator = sumInvestment(candidate.rows, period, asOf);
    const denominator = sumAnnualPlan(candidate.rows);
    if (denominator === 0) return { ...base, value: null, numerator, denominator };
    const share = numerator / denominator;
    const value = metric === 'investmentShare' ? share : paceGap(share, expectedShare(period, asOf, workspace.campaign.pace));
    return { ...base, value, numerator, denominator };
  }
  const rate = computeRate(metric, candidate.rows, period, asOf);
  return { ...base, value: rate.rate, numerator: rate.numerator, denominator: rate.denominator };
}

function formulaKeyOf(metric: RankingMetric): MessageKey {
  switch (metric) {
    case 'investmentShare':
      return 'calc.formula.investmentShare';
    case 'paceGap':
      return 'calc.formula.paceGap';
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
  return sorted.map((entry, i) => {
    const first = sorted.findIndex((other) => other.value === entry.value);
    return { ...entry, rank: (first === -1 ? i : first) + 1 };
  });
}

function compareIds(a: Id, b: Id): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(candidates: readonly Candidate[], workspace: WorkspaceData, period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const measured = candidates.map((c) => measure(c, workspace, period, asOf, metric));
  return { metric, formulaKey: formulaKeyOf(metric), entries: rankEntries(measured) };
}

/** Active units ranked on the outcomes of their projects (责任单位 or county). */
export function rankUnits(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const active = activeRows(rows);
  const candidates = workspace.units
    .filter((u) => !u.archived)
    .map((u) => ({ id: u.id, name: u.name, rows: active.filter((r) => isUnitRow(r, u.id)) }));
  return rank(candidates, workspace, period, asOf, metric);
}

/** Active members ranked on the projects they own (责任人) or lead (联系领导). */
export function rankMembers(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const active = activeRows(rows);
  const candidates = workspace.members
    .filter((m) => !m.archived)
    .map((m) => ({ id: m.id, name: m.name, rows: active.filter((r) => r.ownerId === m.id || r.leaderId === m.id) }));
  return rank(candidates, workspace, period, asOf, metric);
}
