import type { MessageKey } from '../i18n';
import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryRow } from '../schema/summary';
import type { DateRange } from './dates';
import { sumAnnualPlan, sumInvestment } from './metrics/investment-sum';
import { activeRows } from './metrics/row-scope';
import { expectedShare, paceGap } from './pace';
import { computeRate } from './rates';
import { trustedRows } from './trusted-rows';

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

function rank(candidates: readonly Candidate[], workspace: WorkspaceData, period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const measured = candidates.map((c) => measure(c, workspace, period, asOf, metric));
  return { metric, formulaKey: formulaKeyOf(metric), entries: rankEntries(measured) };
}

/** Active units ranked on the outcomes of their projects (责任单位 or county), as trusted (trusted-rows.ts: 审核). */
export function rankUnits(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const byUnit = rowsBy(activeRows(trustedRows(rows, workspace)), (r) => [r.unitId, r.countyId]);
  const candidates = workspace.units.filter((u) => !u.archived).map((u) => ({ id: u.id, name: u.name, rows: byUnit.get(u.id) ?? [] }));
  return rank(candidates, workspace, period, asOf, metric);
}

/** Active members ranked on the projects they own (责任人) or lead (联系领导, 包联), as trusted (trusted-rows.ts: 审核). */
export function rankMembers(workspace: WorkspaceData, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate, metric: RankingMetric): Ranking {
  const byMember = rowsBy(activeRows(trustedRows(rows, workspace)), (r) => [r.ownerId, r.leaderId]);
  const candidates = workspace.members.filter((m) => !m.archived).map((m) => ({ id: m.id, name: m.name, rows: byMember.get(m.id) ?? [] }));
  return rank(candidates, workspace, period, asOf, metric);
}
