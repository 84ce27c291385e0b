import type { Id } from '../../../shared/schema/common';
import type { Target } from '../../../shared/schema/target';
import type { TargetResult } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import { targetMeasure, type TargetMeasure } from '../../../shared/calc/target-value';

/** One row of the targets table, display-ready (it is kept in the board snapshot): the target and its standing. */
export interface TargetLine {
  id: Id;
  title: string;
  scope: Target['scope']['kind'];
  /** The unit's or member's name for a scoped target; empty for the whole workspace. */
  scopeName: string;
  /** The unit or member a scoped target is for; null for the whole workspace (absent in boards saved before it). */
  scopeId?: Id | null;
  measure: TargetMeasure;
  /** A manual value's unit (e.g. 亿元, %); empty otherwise. */
  unitLabel: string;
  result: TargetResult;
}

/** A money unit in brackets at the end of a title ("全市项目完成投资（万元）"). */
const MONEY_UNIT_SUFFIX = /\s*[（(](?:万元|亿元|元)[)）]\s*$/;

/**
 * The title as the table shows it: a money target's cells carry their own unit (万元 below 1 亿, 亿元 from there), so a
 * unit typed into the title ("（万元）") would contradict a cell in 亿元 and is left off.
 */
export function targetDisplayTitle(title: string, measure: TargetMeasure): string {
  if (measure !== 'money') return title;
  return title.replace(MONEY_UNIT_SUFFIX, '') || title;
}

interface Names {
  units: ReadonlyMap<Id, string>;
  members: ReadonlyMap<Id, string>;
}

function scopeIdOf(target: Target): Id | null {
  const scope = target.scope;
  return scope.kind === 'unit' ? scope.unitId : scope.kind === 'member' ? scope.memberId : null;
}

function scopeName(target: Target, names: Names): string {
  const scope = target.scope;
  switch (scope.kind) {
    case 'workspace':
      return '';
    case 'unit':
      return names.units.get(scope.unitId) ?? scope.unitId;
    case 'member':
      return names.members.get(scope.memberId) ?? scope.memberId;
  }
}

/**
 * Targets paired with their results, workspace-wide first (the lines the meeting looks at), then units, then members,
 * each in the workspace's order. Window targets (百日会战) are left to the themes section.
 */
export function targetLines(workspace: WorkspaceData, results: readonly TargetResult[]): TargetLine[] {
  const byId = new Map(results.map((r) => [r.targetId, r]));
  // Names looked up by id once: a city has hundreds of member quotas.
  const names: Names = { units: new Map(workspace.units.map((u) => [u.id, u.name])), members: new Map(workspace.members.map((m) => [m.id, m.name])) };
  const order = { workspace: 0, unit: 1, member: 2 } as const;
  const lines: TargetLine[] = [];
  for (const target of workspace.targets) {
    const result = byId.get(target.id);
    if (target.archived || target.windowId !== null || !result) continue;
    const measure = targetMeasure(target);
    lines.push({
      id: target.id,
      title: targetDisplayTitle(target.title, measure.measure),
      scope: target.scope.kind,
      scopeName: scopeName(target, names),
      scopeId: scopeIdOf(target),
      ...measure,
      result,
    });
  }
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => order[a.line.scope] - order[b.line.scope] || a.i - b.i)
    .map(({ line }) => line);
}
