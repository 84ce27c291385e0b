import type { Id } from '../../schema/common';
import type { SummaryRow } from '../../schema/summary';
import type { TargetScope } from '../../schema/target';
import { activeRows } from './row-scope';

/**
 * The non-archived rows grouped once by the scopes targets ask for, so evaluating every target of a workspace walks
 * the 1000 rows once instead of once per target (and once per member for a quota). Each group keeps the rows' order.
 */
export interface RowIndex {
  active: readonly SummaryRow[];
  /** A unit's rows: responsible (责任单位) or in the county. */
  byUnit: ReadonlyMap<Id, readonly SummaryRow[]>;
  /** A member's rows: owner (责任人), leader (联系领导) or team (一套班子). */
  byMember: ReadonlyMap<Id, readonly SummaryRow[]>;
  /** The rows a member attracted (招引): what a personal quota counts. */
  byAttractor: ReadonlyMap<Id, readonly SummaryRow[]>;
}

function addTo(map: Map<Id, SummaryRow[]>, id: Id, row: SummaryRow): void {
  const list = map.get(id);
  if (!list) map.set(id, [row]);
  else if (list[list.length - 1] !== row) list.push(row);
}

export function indexRows(rows: readonly SummaryRow[]): RowIndex {
  const active = activeRows(rows);
  const byUnit = new Map<Id, SummaryRow[]>();
  const byMember = new Map<Id, SummaryRow[]>();
  const byAttractor = new Map<Id, SummaryRow[]>();
  for (const row of active) {
    if (row.unitId !== null) addTo(byUnit, row.unitId, row);
    if (row.countyId !== null) addTo(byUnit, row.countyId, row);
    if (row.ownerId !== null) addTo(byMember, row.ownerId, row);
    if (row.leaderId !== null) addTo(byMember, row.leaderId, row);
    for (const id of row.team) addTo(byMember, id, row);
    if (row.attractedById !== null) addTo(byAttractor, row.attractedById, row);
  }
  return { active, byUnit, byMember, byAttractor };
}

/** The same rows as `rowsInScope(rows, scope)`, read from the index. */
export function indexedRowsInScope(index: RowIndex, scope: TargetScope): readonly SummaryRow[] {
  switch (scope.kind) {
    case 'workspace':
      return index.active;
    case 'unit':
      return index.byUnit.get(scope.unitId) ?? [];
    case 'member':
      return index.byMember.get(scope.memberId) ?? [];
  }
}
