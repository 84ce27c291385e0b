import { CATEGORIES, type Category } from '../../../shared/schema/project';
import type { Id } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { TargetLine } from './target-lines';

/**
 * The board's one filter (县区 / 责任单位 / 项目类型 / 包联领导): applied to the summary rows before any section computes,
 * so the pipeline, problems, 月报 not filed, rankings and the wall's pages all show the same projects. null: any.
 */
export interface BoardFilter {
  /** The county/district the project sits in (县区). */
  countyId: Id | null;
  /** 责任单位. */
  unitId: Id | null;
  category: Category | null;
  /** 包联领导 (联系领导). */
  leaderId: Id | null;
}

export const NO_FILTER: BoardFilter = { countyId: null, unitId: null, category: null, leaderId: null };

export function isFiltered(filter: BoardFilter): boolean {
  return filter.countyId !== null || filter.unitId !== null || filter.category !== null || filter.leaderId !== null;
}

export function matchesFilter(row: Pick<SummaryRow, 'countyId' | 'unitId' | 'category' | 'leaderId'>, filter: BoardFilter): boolean {
  return (
    (filter.countyId === null || row.countyId === filter.countyId) &&
    (filter.unitId === null || row.unitId === filter.unitId) &&
    (filter.category === null || row.category === filter.category) &&
    (filter.leaderId === null || row.leaderId === filter.leaderId)
  );
}

/** The rows the filter keeps; the same array when nothing is filtered (memoised derivations stay put). */
export function filterRows<T extends Pick<SummaryRow, 'countyId' | 'unitId' | 'category' | 'leaderId'>>(rows: readonly T[], filter: BoardFilter): readonly T[] {
  return isFiltered(filter) ? rows.filter((r) => matchesFilter(r, filter)) : rows;
}

/**
 * The target lines that speak about the filtered projects: the workspace-wide lines always (the city's goals are the
 * frame), and the lines scoped to the chosen county, unit or leader. Targets are judged on every row, never on the
 * filtered ones: a city goal measured against one county's projects would be a wrong light.
 */
export function filterTargetLines(lines: readonly TargetLine[], filter: BoardFilter): readonly TargetLine[] {
  if (!isFiltered(filter)) return lines;
  const scoped = new Set([filter.countyId, filter.unitId, filter.leaderId].filter((id): id is Id => id !== null));
  return lines.filter((l) => l.scope === 'workspace' || (l.scopeId !== undefined && l.scopeId !== null && scoped.has(l.scopeId)));
}

/**
 * What the filter keeps, in words for a section title ("东城区 · 工业"): the chosen county, unit and leader by name and
 * the category by its label; null when nothing is filtered.
 */
export function filterScopeName(filter: BoardFilter, choices: FilterChoices, categoryLabel: (category: Category) => string): string | null {
  if (!isFiltered(filter)) return null;
  const nameOf = (list: readonly FilterChoice[], id: Id | null): string | null => (id === null ? null : (list.find((c) => c.id === id)?.name ?? id));
  const parts = [
    nameOf(choices.counties, filter.countyId),
    nameOf(choices.units, filter.unitId),
    filter.category === null ? null : categoryLabel(filter.category),
    nameOf(choices.leaders, filter.leaderId),
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

export interface FilterChoice {
  id: Id;
  name: string;
  /** Active projects it would show. */
  count: number;
}

/** What each filter offers: only choices that have active projects, with their count, in the workspace's order. */
export interface FilterChoices {
  counties: FilterChoice[];
  units: FilterChoice[];
  categories: Array<{ id: Category; count: number }>;
  leaders: FilterChoice[];
}

export function filterChoices(workspace: WorkspaceData, rows: readonly SummaryRow[]): FilterChoices {
  const counts = { county: new Map<Id, number>(), unit: new Map<Id, number>(), category: new Map<Category, number>(), leader: new Map<Id, number>() };
  const bump = <K>(map: Map<K, number>, key: K | null): void => {
    if (key !== null) map.set(key, (map.get(key) ?? 0) + 1);
  };
  for (const r of rows) {
    if (r.archived) continue;
    bump(counts.county, r.countyId);
    bump(counts.unit, r.unitId);
    bump(counts.category, r.category);
    bump(counts.leader, r.leaderId);
  }
  const choose = (items: ReadonlyArray<{ id: Id; name: string }>, map: Map<Id, number>): FilterChoice[] =>
    items.flatMap((item) => {
      const count = map.get(item.id);
      return count ? [{ id: item.id, name: item.name, count }] : [];
    });
  const units = workspace.units.filter((u) => !u.archived);
  return {
    counties: choose(
      units.filter((u) => u.kind === 'county'),
      counts.county,
    ),
    units: choose(units, counts.unit),
    categories: CATEGORIES.flatMap((id) => {
      const count = counts.category.get(id);
      return count ? [{ id, count }] : [];
    }),
    leaders: choose(workspace.members, counts.leader),
  };
}

/** One project of the filtered list (a leader's 包联 projects): where it stands and what is open. */
export interface FilteredProject {
  projectId: Id;
  name: string;
  code: string;
  stage: SummaryRow['stage'];
  openProblems: number;
  /** 项目形象进度 as last reported. */
  progress: string;
}

/** The projects a filter keeps, those with open problems first, at most `limit`; `more` counts the rest. */
export function filteredProjects(rows: readonly SummaryRow[], filter: BoardFilter, limit: number): { lines: FilteredProject[]; total: number } {
  const kept = filterRows(
    rows.filter((r) => !r.archived),
    filter,
  ).map((r) => ({
    projectId: r.projectId,
    name: r.name,
    code: r.code,
    stage: r.stage,
    openProblems: r.problems.filter((p) => p.status !== 'resolved').length,
    progress: r.progress,
  }));
  kept.sort((a, b) => b.openProblems - a.openProblems || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { lines: kept.slice(0, limit), total: kept.length };
}
