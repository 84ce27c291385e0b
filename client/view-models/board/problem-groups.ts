import type { DispatchItem } from '../../../shared/calc/escalation';
import type { EscalationLevel } from '../../../shared/schema/problem';
import type { Id } from '../../../shared/schema/common';
import type { WorkspaceData } from '../../../shared/schema/bundle';

export interface DepartmentProblems {
  /** null when neither the problem nor its project names a department. */
  departmentId: Id | null;
  departmentName: string;
  /** Highest level first, then most days overdue (the order escalationList gives). */
  items: DispatchItem[];
  counts: Record<EscalationLevel, number>;
}

const LEVEL_RANK: Record<EscalationLevel, number> = { assigned: 0, reminded: 1, supervised: 2 };

/**
 * Open problems grouped by responsible department (涉及哪个部门，就由哪个部门一把手负责): departments with problems at
 * 督办 first, then by how many they carry at each level, then by name.
 */
export function problemsByDepartment(items: readonly DispatchItem[], workspace: WorkspaceData): DepartmentProblems[] {
  const names = new Map(workspace.units.map((u) => [u.id, u.name]));
  const groups = new Map<string, DepartmentProblems>();
  for (const item of items) {
    if (item.kind !== 'problem') continue;
    const key = item.departmentId ?? '';
    let group = groups.get(key);
    if (!group) {
      const name = item.departmentId === null ? '' : (names.get(item.departmentId) ?? item.departmentId);
      group = { departmentId: item.departmentId, departmentName: name, items: [], counts: { assigned: 0, reminded: 0, supervised: 0 } };
      groups.set(key, group);
    }
    group.items.push(item);
    group.counts[item.level] += 1;
  }
  const worst = (g: DepartmentProblems): number => Math.max(...g.items.map((i) => LEVEL_RANK[i.level]));
  return [...groups.values()].sort(
    (a, b) =>
      worst(b) - worst(a) ||
      b.counts.supervised - a.counts.supervised ||
      b.counts.reminded - a.counts.reminded ||
      b.items.length - a.items.length ||
      (a.departmentName < b.departmentName ? -1 : a.departmentName > b.departmentName ? 1 : 0),
  );
}
