import type { Target, TargetResult, WorkspaceData } from '../../../shared/schema';

/** One row of the targets table: the target as configured and its standing as of the board's day. */
export interface TargetLine {
  target: Target;
  result: TargetResult;
  /** The unit's or member's name for a scoped target; empty for the whole workspace. */
  scopeName: string;
}

function scopeName(target: Target, workspace: WorkspaceData): string {
  const scope = target.scope;
  switch (scope.kind) {
    case 'workspace':
      return '';
    case 'unit':
      return workspace.units.find((u) => u.id === scope.unitId)?.name ?? scope.unitId;
    case 'member':
      return workspace.members.find((m) => m.id === scope.memberId)?.name ?? scope.memberId;
  }
}

/**
 * Targets paired with their results, workspace-wide first (the lines the meeting looks at), then units, then members,
 * each in the workspace's order. Window targets (百日会战) are left to the themes section.
 */
export function targetLines(workspace: WorkspaceData, results: readonly TargetResult[]): TargetLine[] {
  const byId = new Map(results.map((r) => [r.targetId, r]));
  const order = { workspace: 0, unit: 1, member: 2 } as const;
  const lines: TargetLine[] = [];
  for (const target of workspace.targets) {
    const result = byId.get(target.id);
    if (target.archived || target.windowId !== null || !result) continue;
    lines.push({ target, result, scopeName: scopeName(target, workspace) });
  }
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => order[a.line.target.scope.kind] - order[b.line.target.scope.kind] || a.i - b.i)
    .map(({ line }) => line);
}
