import { evaluateTargets } from '../../shared/calc/targets';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import type { Light } from '../../shared/schema/summary';

/** One line of `GET /api/workspaces/:id/targets`: a target against 序时进度 as of a day. */
export interface TargetReportLine {
  targetId: string;
  title: string;
  goal: number;
  actual: number;
  /** What 序时进度 expects by the as-of day: goal × expectedShare, to 2 decimals; null for a rate target (增速 %). */
  expected: number | null;
  share: number;
  /** null for a rate target: compared with its goal directly, no 序时. */
  expectedShare: number | null;
  /** Positive = 超序时进度, negative = 落后序时进度, in percentage points; for a rate target, actual − goal. */
  gapPoints: number;
  light: Light;
  /** Capped by what can still happen; null for a rate target. */
  forecast: number | null;
  met: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Every active target of the workspace as of `asOf`, computed from the summary rows. */
export function targetReport(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: string): TargetReportLine[] {
  const titles = new Map(workspace.targets.map((t) => [t.id, t.title]));
  return evaluateTargets(workspace, rows, asOf).map((r) => ({
    targetId: r.targetId,
    title: titles.get(r.targetId) ?? r.targetId,
    goal: r.goal,
    actual: r.actual,
    expected: r.expectedShare === null ? null : round2(r.goal * r.expectedShare),
    share: r.share,
    expectedShare: r.expectedShare,
    gapPoints: r.gapPoints,
    light: r.light,
    forecast: r.forecast,
    met: r.met,
  }));
}
