import type { Id } from '../../schema/common';
import type { SummaryRow } from '../../schema/summary';
import type { ProjectFilter, TargetScope } from '../../schema/target';

export function activeRows(rows: readonly SummaryRow[]): SummaryRow[] {
  return rows.filter((r) => !r.archived);
}

/** A unit's projects: the ones it is responsible for (责任单位) or that sit in it (a county's projects). */
export function isUnitRow(row: SummaryRow, unitId: Id): boolean {
  return row.unitId === unitId || row.countyId === unitId;
}

/** A member's projects: owned (责任人), led (联系领导) or worked on as team (一套班子). */
export function isMemberRow(row: SummaryRow, memberId: Id): boolean {
  return row.ownerId === memberId || row.leaderId === memberId || row.team.includes(memberId);
}

/** The non-archived rows a target's scope covers. */
export function rowsInScope(rows: readonly SummaryRow[], scope: TargetScope): SummaryRow[] {
  const active = activeRows(rows);
  switch (scope.kind) {
    case 'workspace':
      return active;
    case 'unit':
      return active.filter((r) => isUnitRow(r, scope.unitId));
    case 'member':
      return active.filter((r) => isMemberRow(r, scope.memberId));
  }
}

function allows<T>(list: readonly T[] | undefined, value: T): boolean {
  return !list || list.length === 0 || list.includes(value);
}

/** A metric's project filter; an empty or missing list restricts nothing. */
export function matchesFilter(row: SummaryRow, filter: ProjectFilter): boolean {
  return (
    allows(filter.categories, row.category) &&
    allows(filter.kinds, row.kind) &&
    allows(filter.sources, row.source) &&
    allows(filter.keyLevels, row.keyLevel) &&
    (!filter.unitIds?.length || (row.unitId !== null && filter.unitIds.includes(row.unitId))) &&
    (!filter.countyIds?.length || (row.countyId !== null && filter.countyIds.includes(row.countyId))) &&
    (filter.minTotalInvestmentWan === undefined || row.totalInvestmentWan >= filter.minTotalInvestmentWan)
  );
}
