import { yearRange } from '../../../shared/calc/dates';
import type { DispatchItem } from '../../../shared/calc/escalation';
import { rankEntries, type Ranking, type RankingEntry, type RankingMetric } from '../../../shared/calc/rankings';
import { computeRate, type Rate, type RateKind } from '../../../shared/calc/rates';
import type { CalendarDate, Id } from '../../../shared/schema/common';
import type { Stage } from '../../../shared/schema/stage';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { EscalationLevel } from '../../../shared/schema/problem';
import type { UnitKind } from '../../../shared/schema/unit';
import type { BoardData } from './board-data';
import { pipelineCounts, type StageCount } from './pipeline';
import type { TargetLine } from './target-lines';

/** The rates the wall shows beside the pipeline, in the campaign's order (落地 → 开工 → 竣工 → 投产, then 问题办结). */
export const WALL_RATES: readonly RateKind[] = ['landingRate', 'startRate', 'completionRate', 'productionRate', 'problemResolutionRate'];

/** How much one page of the wall holds at its large type, so it fits 1920×1080 without scrolling. */
export interface WallLimits {
  /** Key targets on the overview. */
  keyTargets: number;
  /** 督办/提醒 items on the overview. */
  redItems: number;
  /** Top and bottom entries of each ranking on the overview. */
  rankingEnds: number;
  /** Units listed under 月报 not filed on the overview. */
  notFiledUnits: number;
  /** Lines of a section page (targets, problems, not filed). */
  pageLines: number;
}

export const WALL_LIMITS: WallLimits = { keyTargets: 9, redItems: 9, rankingEnds: 3, notFiledUnits: 9, pageLines: 14 };

export interface RankingEnds {
  /** What is ranked: counties (县区) or departments and task forces. */
  group: 'county' | 'department';
  metric: RankingMetric;
  formulaKey: Ranking['formulaKey'];
  top: RankingEntry[];
  /** The last ones, best of them first; none that are already in `top`. */
  bottom: RankingEntry[];
  /** Units ranked (with a value). */
  ranked: number;
}

export interface RedSummary {
  counts: Record<EscalationLevel, number>;
  /** 督办 first, then 提醒, most days overdue first. */
  items: DispatchItem[];
}

export interface NotFiledSummary {
  month: string;
  due: CalendarDate;
  count: number;
  /** Units with the most projects not filed. */
  units: Array<{ name: string; count: number }>;
}

/** The one-screen overview (全域, or one county's). */
export interface WallOverview {
  /** null: the whole workspace; else the county's id and name. */
  county: { id: Id; name: string } | null;
  projectCount: number;
  keyTargets: TargetLine[];
  pipeline: StageCount[];
  rates: Array<{ kind: RateKind; rate: Rate }>;
  red: RedSummary;
  /** The whole workspace's rankings' ends; on a county's page, that county's place among the counties. */
  rankings: RankingEnds[];
  countyPlace: { rank: number; of: number; value: number | null } | null;
  notFiled: NotFiledSummary;
}

export type WallPage =
  | { kind: 'overview'; key: 'overview'; overview: WallOverview }
  | { kind: 'targets'; key: string; lines: TargetLine[]; part: number; parts: number }
  | { kind: 'problems'; key: string; items: DispatchItem[]; part: number; parts: number; total: number }
  | { kind: 'rankings'; key: 'rankings'; rankings: RankingEnds[] }
  | {
      kind: 'notFiled';
      key: string;
      month: string;
      due: CalendarDate;
      lines: Array<{ unitName: string; projectName: string; ownerName: string }>;
      part: number;
      parts: number;
      total: number;
    }
  | { kind: 'county'; key: string; overview: WallOverview };

export interface WallInput {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  /** The board's derivation over the same rows (targets judged on every row, dispatch list, 月报 not filed). */
  data: BoardData;
  /** Units ranked among their own kind (县区, 市直部门, 专班) on the default outcome. */
  units: Record<UnitKind, Ranking>;
  stages: readonly Stage[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function rankingEnds(ranking: Ranking, ids: ReadonlySet<Id>, group: RankingEnds['group'], n: number): RankingEnds {
  const measured = ranking.entries.filter((e) => ids.has(e.id) && e.value !== null).map(({ rank: _rank, ...rest }) => rest);
  const entries = rankEntries(measured);
  const top = entries.slice(0, n);
  const bottom = entries.slice(Math.max(top.length, entries.length - n));
  return { group, metric: ranking.metric, formulaKey: ranking.formulaKey, top, bottom, ranked: entries.length };
}

/**
 * Key targets: the workspace-wide lines in the workspace's order (a meeting finds each line where it was last week); on
 * a county's page, that county's own lines, or the city's when it has none.
 */
function keyTargets(lines: readonly TargetLine[], county: Id | null, n: number): TargetLine[] {
  const pool = county === null ? lines.filter((l) => l.scope === 'workspace') : lines.filter((l) => l.scope === 'unit' && l.scopeId === county);
  const chosen = pool.length > 0 ? pool : lines.filter((l) => l.scope === 'workspace');
  return chosen.slice(0, n);
}

function redSummary(items: readonly DispatchItem[], n: number): RedSummary {
  const counts: Record<EscalationLevel, number> = { assigned: 0, reminded: 0, supervised: 0 };
  for (const item of items) counts[item.level] += 1;
  // escalationList already orders highest level first, then most days overdue
  return { counts, items: items.filter((i) => i.level !== 'assigned').slice(0, n) };
}

function notFiledSummary(data: BoardData, projectIds: ReadonlySet<Id> | null, n: number): NotFiledSummary {
  const lines = projectIds === null ? data.notFiled.lines : data.notFiled.lines.filter((l) => projectIds.has(l.projectId));
  const byUnit = new Map<string, number>();
  for (const l of lines) byUnit.set(l.unitName, (byUnit.get(l.unitName) ?? 0) + 1);
  const units = [...byUnit.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n);
  return { month: data.notFiled.month, due: data.notFiled.due, count: lines.length, units };
}

/** Every county with a value on the default outcome, ranked among the counties only. */
function countyRanking(input: WallInput, counties: ReadonlySet<Id>): RankingEntry[] {
  return rankEntries(input.units.county.entries.filter((e) => counties.has(e.id) && e.value !== null).map(({ rank: _rank, ...rest }) => rest));
}

function overviewOf(
  input: WallInput,
  county: { id: Id; name: string } | null,
  limits: WallLimits,
  ends: RankingEnds[],
  countiesRanked: readonly RankingEntry[],
): WallOverview {
  const { workspace, data } = input;
  const active = input.rows.filter((r) => !r.archived && (county === null || r.countyId === county.id));
  const ids = county === null ? null : new Set(active.map((r) => r.projectId));
  const period = yearRange(workspace.campaign.year);
  const dispatch = ids === null ? data.dispatch : data.dispatch.filter((d) => ids.has(d.projectId));
  const mine = county === null ? undefined : countiesRanked.find((e) => e.id === county.id);
  const countyPlace = mine ? { rank: mine.rank, of: countiesRanked.length, value: mine.value } : null;
  return {
    county,
    projectCount: active.length,
    keyTargets: keyTargets(data.targets, county?.id ?? null, limits.keyTargets),
    pipeline: pipelineCounts(active, input.stages, { unitId: null, category: null }),
    rates: WALL_RATES.map((kind) => ({ kind, rate: computeRate(kind, active, period, data.asOf) })),
    red: redSummary(dispatch, limits.redItems),
    rankings: county === null ? ends : [],
    countyPlace,
    notFiled: notFiledSummary(data, ids, limits.notFiledUnits),
  };
}

function countyIds(workspace: WorkspaceData): Set<Id> {
  return new Set(workspace.units.filter((u) => !u.archived && u.kind === 'county').map((u) => u.id));
}

/**
 * The wall's pages, shown one at a time on a timer: the overview (key targets with their lights against 序时, the
 * pipeline with its rates, 督办 items, the rankings' top and bottom, 月报 not filed), then a page per section with
 * more lines (split so that each fits the screen), then one overview per county that has projects.
 */
export function wallPages(input: WallInput, limits: WallLimits = WALL_LIMITS): WallPage[] {
  const { workspace, data } = input;
  const counties = countyIds(workspace);
  const departments = new Set(workspace.units.filter((u) => !u.archived && u.kind === 'department').map((u) => u.id));
  const ends = [
    rankingEnds(input.units.county, counties, 'county', limits.rankingEnds),
    rankingEnds(input.units.department, departments, 'department', limits.rankingEnds),
  ].filter((e) => e.ranked > 0);
  const countiesRanked = countyRanking(input, counties);
  const pages: WallPage[] = [{ kind: 'overview', key: 'overview', overview: overviewOf(input, null, limits, ends, countiesRanked) }];

  const targetParts = chunks(data.targets, limits.pageLines);
  for (const [i, lines] of targetParts.entries()) pages.push({ kind: 'targets', key: `targets-${i}`, lines, part: i + 1, parts: targetParts.length });

  const red = data.dispatch.filter((d) => d.level !== 'assigned');
  const redParts = chunks(red, limits.pageLines);
  for (const [i, items] of redParts.entries())
    pages.push({ kind: 'problems', key: `problems-${i}`, items, part: i + 1, parts: redParts.length, total: red.length });

  const half = Math.ceil(limits.pageLines / 2);
  const longEnds = ends.map((e) =>
    e.group === 'county' ? rankingEnds(input.units.county, counties, e.group, half) : rankingEnds(input.units.department, departments, e.group, half),
  );
  if (longEnds.length > 0) pages.push({ kind: 'rankings', key: 'rankings', rankings: longEnds });

  const notFiledParts = chunks(data.notFiled.lines, limits.pageLines);
  // a long list of 月报 not filed is the overview's count by unit; its pages stop after three screens
  for (const [i, lines] of notFiledParts.slice(0, 3).entries()) {
    pages.push({
      kind: 'notFiled',
      key: `notFiled-${i}`,
      month: data.notFiled.month,
      due: data.notFiled.due,
      lines,
      part: i + 1,
      parts: Math.min(3, notFiledParts.length),
      total: data.notFiled.lines.length,
    });
  }

  const withProjects = new Set(input.rows.filter((r) => !r.archived && r.countyId !== null).map((r) => r.countyId));
  for (const unit of workspace.units) {
    if (unit.archived || unit.kind !== 'county' || !withProjects.has(unit.id)) continue;
    pages.push({ kind: 'county', key: `county-${unit.id}`, overview: overviewOf(input, { id: unit.id, name: unit.name }, limits, ends, countiesRanked) });
  }
  return pages;
}

/** The rotation period from the wall's address (`?rotate=<seconds>`), within sensible bounds; the default otherwise. */
export const DEFAULT_ROTATE_SECONDS = 20;

export function rotateSeconds(param: string | null): number {
  if (param === null || param.trim() === '') return DEFAULT_ROTATE_SECONDS;
  const n = Number(param);
  if (!Number.isFinite(n)) return DEFAULT_ROTATE_SECONDS;
  // 0 stops the rotation (a meeting paused on one page); otherwise between 5 s and 10 min
  if (n <= 0) return 0;
  return Math.min(600, Math.max(5, Math.round(n)));
}
