import { rankMembers, rankUnitsByKind, type Ranking, type RankingMetric } from '../../../shared/calc/rankings';
import type { UnitKind } from '../../../shared/schema/unit';
import { yearRange } from '../../../shared/calc/dates';
import type { ThemeCheck } from '../../../shared/calc/themes';
import type { FieldError } from '../../../shared/schema/field-errors';
import type { QuarterTheme } from '../../../shared/schema/campaign';
import type { CalendarDate, Id } from '../../../shared/schema/common';
import type { Stage } from '../../../shared/schema/stage';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { BoardData } from './board-data';
import type { NotFiledList } from './not-filed';
import { pipelineGroups, type PipelineGroup } from './pipeline';
import type { DepartmentProblems } from './problem-groups';
import type { TargetLine } from './target-lines';
import { stageRateLines, type StageRateLine } from './stage-rates';

/** A record another replica wrote badly, and why it does not validate. */
export interface InvalidItem {
  id: string;
  reasons: FieldError[];
}

export interface Named {
  id: Id;
  name: string;
}

/**
 * The board's display model: everything its first screen shows (header, targets, themes, pipeline, problems, 月报 not
 * filed, rankings on their first outcome), display-ready plain data. The page derives it from the live documents and
 * the board cache (client/board-snapshot.ts) stores it as it is, so the saved board and the live one are one page.
 */
export interface BoardContent {
  title: string;
  campaignName: string;
  /** The Asia/Shanghai day the figures were judged as of. */
  asOf: CalendarDate;
  targets: TargetLine[];
  current: { quarter: number; theme: QuarterTheme } | null;
  themes: ThemeCheck[];
  stages: Stage[];
  /** The units the pipeline filter offers (not archived). */
  units: Named[];
  /** Active projects, grouped by what the pipeline looks at. */
  pipeline: PipelineGroup[];
  /** 落地率, 开工率, 竣工率, 投产率 of the whole workspace this year (the pipeline's unfiltered view). */
  rates: StageRateLine[];
  problemGroups: DepartmentProblems[];
  /** The rankings' first view, on the default outcome (投资完成率) over the campaign year. */
  rankings: BoardRankings;
  /** Member names, for the problems' owners. */
  members: Named[];
  notFiled: NotFiledList;
  invalid: InvalidItem[];
}

/**
 * The board's rankings of one outcome: 县区, 市直部门 and 行业专班 each among themselves, and 市级领导 by their 包联
 * projects (never one table mixing kinds).
 */
export interface BoardRankings {
  units: Record<UnitKind, Ranking>;
  leaders: Ranking;
}

/** The four rankings of one outcome over the campaign year (the board's first view and its outcome picker). */
export function boardRankings(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate, metric: RankingMetric): BoardRankings {
  const year = yearRange(workspace.campaign.year);
  return { units: rankUnitsByKind(workspace, rows, year, asOf, metric), leaders: rankMembers(workspace, rows, year, asOf, metric) };
}

/** The outcome the rankings show first. */
export const DEFAULT_RANKING_METRIC: RankingMetric = 'investmentShare';

/**
 * The first screen's content from the live derivation: plain data (it is stored as the board snapshot), with the
 * pipeline reduced to counts of alike projects and the rankings on their first outcome.
 */
export function boardContent(workspace: WorkspaceData, rows: readonly SummaryRow[], data: BoardData, invalid: readonly InvalidItem[]): BoardContent {
  return {
    title: workspace.name,
    campaignName: workspace.campaign.name,
    asOf: data.asOf,
    targets: data.targets,
    current: data.current,
    themes: data.themes,
    stages: [...workspace.campaign.stages],
    units: workspace.units.filter((u) => !u.archived).map((u) => ({ id: u.id, name: u.name })),
    pipeline: pipelineGroups(rows),
    rates: stageRateLines(workspace, rows, data.asOf, null),
    problemGroups: data.problemGroups,
    rankings: boardRankings(workspace, rows, data.asOf, DEFAULT_RANKING_METRIC),
    members: workspace.members.map((m) => ({ id: m.id, name: m.name })),
    notFiled: data.notFiled,
    invalid: [...invalid],
  };
}
