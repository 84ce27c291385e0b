import type { Id } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { UnitKind } from '../../../shared/schema/unit';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** What the board's search finds: a project (opens it), a 包联领导 (their view), a unit (its projects). */
export type FinderHit =
  | { kind: 'project'; id: Id; name: string; code: string /** 责任单位 · 县区 · 包联领导, as far as known. */; detail: string }
  | { kind: 'leader'; id: Id; name: string; count: number }
  | { kind: 'unit'; id: Id; name: string; unitKind: UnitKind; count: number };

interface ProjectEntry {
  row: SummaryRow;
  name: string;
  /** Everything a person might type to find it, lower-cased: name, 项目编号, unit, county, leader, 责任人. */
  haystack: string;
  detail: string;
}

/** The board's searchable names, built once per change of the documents. */
export interface FinderIndex {
  projects: ProjectEntry[];
  leaders: Array<{ id: Id; name: string; key: string; count: number }>;
  units: Array<{ id: Id; name: string; key: string; unitKind: UnitKind; count: number }>;
}

export function finderIndex(workspace: WorkspaceData, rows: readonly SummaryRow[]): FinderIndex {
  const units = new Map(workspace.units.map((u) => [u.id, u.name]));
  const members = new Map(workspace.members.map((m) => [m.id, m.name]));
  const nameOf = (map: ReadonlyMap<Id, string>, id: Id | null): string => (id === null ? '' : (map.get(id) ?? ''));
  const led = new Map<Id, number>();
  const perUnit = new Map<Id, number>();
  const projects: ProjectEntry[] = [];
  for (const row of rows) {
    if (row.archived) continue;
    if (row.leaderId !== null) led.set(row.leaderId, (led.get(row.leaderId) ?? 0) + 1);
    for (const id of new Set([row.unitId, row.countyId])) if (id !== null) perUnit.set(id, (perUnit.get(id) ?? 0) + 1);
    const unit = nameOf(units, row.unitId);
    const county = nameOf(units, row.countyId);
    const leader = nameOf(members, row.leaderId);
    const owner = nameOf(members, row.ownerId);
    projects.push({
      row,
      name: row.name,
      haystack: [row.name, row.code, unit, county, leader, owner].join('\u0000').toLowerCase(),
      detail: [unit, county !== unit ? county : '', leader].filter((s) => s !== '').join(' · '),
    });
  }
  return {
    projects,
    leaders: workspace.members
      .filter((m) => !m.archived && (m.role === 'leader' || led.has(m.id)))
      .map((m) => ({ id: m.id, name: m.name, key: m.name.toLowerCase(), count: led.get(m.id) ?? 0 })),
    units: workspace.units
      .filter((u) => !u.archived)
      .map((u) => ({ id: u.id, name: u.name, key: u.name.toLowerCase(), unitKind: u.kind, count: perUnit.get(u.id) ?? 0 })),
  };
}

/** The words of a query: split on any space (also the full-width one) and Chinese or Latin commas, lower-cased. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s\u3000,，、;；]+/u)
    .filter((w) => w !== '');
}

export interface FinderLimits {
  projects: number;
  leaders: number;
  units: number;
}

const DEFAULT_LIMITS: FinderLimits = { projects: 12, leaders: 5, units: 5 };

/**
 * Everything every word of the query names. A project matches when each word is in its name, 项目编号, unit, county,
 * 包联领导 or 责任人 ("经开区 张伟" finds 张伟's projects in 经开区); a leader or a unit when each word is in its name.
 * Leaders and units come first (they open a whole view), then projects whose name holds the most words.
 */
export function findOnBoard(index: FinderIndex, query: string, limits: FinderLimits = DEFAULT_LIMITS): FinderHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const all = (key: string): boolean => words.every((w) => key.includes(w));
  const leaders: FinderHit[] = index.leaders
    .filter((l) => all(l.key))
    .slice(0, limits.leaders)
    .map((l) => ({ kind: 'leader', id: l.id, name: l.name, count: l.count }));
  const units: FinderHit[] = index.units
    .filter((u) => all(u.key))
    .slice(0, limits.units)
    .map((u) => ({ kind: 'unit', id: u.id, name: u.name, unitKind: u.unitKind, count: u.count }));
  const scored: Array<{ entry: ProjectEntry; score: number }> = [];
  for (const entry of index.projects) {
    if (!all(entry.haystack)) continue;
    const name = entry.name.toLowerCase();
    const code = entry.row.code.toLowerCase();
    // an exact 项目编号 first, then the more words in the name itself
    const score = (words.includes(code) ? 100 : 0) + words.filter((w) => name.includes(w)).length;
    scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
  const projects: FinderHit[] = scored
    .slice(0, limits.projects)
    .map(({ entry }) => ({ kind: 'project', id: entry.row.projectId, name: entry.row.name, code: entry.row.code, detail: entry.detail }));
  return [...leaders, ...units, ...projects];
}
