import type { BoardSnapshotContent } from '../../../client/board-snapshot-schema';
import type { SummaryRow, WorkspaceData } from '../../../shared/schema';
import type { InvalidItem } from '../invalid-notice';
import type { BoardData } from './board-data';
import { pipelineGroups } from './pipeline';

/** What the board's first screen shows, live or from the snapshot cache: the same data, so the same page. */
export type BoardContent = BoardSnapshotContent;

/**
 * The first screen's content from the live derivation: plain data (it is stored as the board snapshot), with the
 * pipeline reduced to counts of alike projects.
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
    problemGroups: data.problemGroups,
    members: workspace.members.map((m) => ({ id: m.id, name: m.name })),
    notFiled: data.notFiled,
    invalid: [...invalid],
  };
}
