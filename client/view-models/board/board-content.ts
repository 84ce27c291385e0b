import type { BoardSnapshotContent } from '../../board-snapshot-schema';
import { rankMembers, rankUnits, yearRange, type RankingMetric } from '../../../shared/calc';
import type { SummaryRow, WorkspaceData } from '../../../shared/schema';
import type { InvalidItem } from '../../../components/board/invalid-notice';
import type { BoardData } from './board-data';
import { pipelineGroups } from './pipeline';

/** What the board's first screen shows, live or from the snapshot cache: the same data, so the same page. */
export type BoardContent = BoardSnapshotContent;

/** The outcome the rankings show first. */
export const DEFAULT_RANKING_METRIC: RankingMetric = 'investmentShare';

/**
 * The first screen's content from the live derivation: plain data (it is stored as the board snapshot), with the
 * pipeline reduced to counts of alike projects and the rankings on their first outcome.
 */
export function boardContent(workspace: WorkspaceData, rows: readonly SummaryRow[], data: BoardData, invalid: readonly InvalidItem[]): BoardContent {
  const year = yearRange(workspace.campaign.year);
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
    problemGroups: data.problemGroups,
    rankings: {
      units: rankUnits(workspace, rows, year, data.asOf, DEFAULT_RANKING_METRIC),
      members: rankMembers(workspace, rows, year, data.asOf, DEFAULT_RANKING_METRIC),
    },
    members: workspace.members.map((m) => ({ id: m.id, name: m.name })),
    notFiled: data.notFiled,
    invalid: [...invalid],
  };
}
