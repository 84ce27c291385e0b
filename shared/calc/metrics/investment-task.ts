import type { WorkspaceData } from '../../schema/bundle';
import type { Target, TargetScope } from '../../schema/target';
import type { DateRange } from '../dates';

function sameScope(a: TargetScope, b: TargetScope): boolean {
  if (a.kind === 'unit' && b.kind === 'unit') return a.unitId === b.unitId;
  if (a.kind === 'member' && b.kind === 'member') return a.memberId === b.memberId;
  return a.kind === b.kind;
}

function unfiltered(target: Target): boolean {
  return target.metric.kind === 'investmentSum' && Object.values(target.metric.filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * The investment task (投资任务) the 项目办 set for a scope over a period: its active 完成投资 target over exactly that
 * period, on all its projects (no filter, not a campaign window's). When there is one, 投资完成率 of that scope is
 * judged against its goal wherever it is shown — the targets table and the rankings — so both print the same figure;
 * without one, a ranking falls back to the 今年计划投资 of the scope's projects. The first such target in the
 * workspace's order counts.
 */
export function investmentTaskTarget(workspace: WorkspaceData, scope: TargetScope, period: DateRange): Target | undefined {
  return workspace.targets.find(
    (t) => !t.archived && t.windowId === null && t.start === period.start && t.end === period.end && unfiltered(t) && sameScope(t.scope, scope),
  );
}
