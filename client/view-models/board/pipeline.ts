import { STAGES, stageIndex } from '../../../shared/schema/stage';
import type { Category } from '../../../shared/schema/project';
import type { Id } from '../../../shared/schema/common';
import type { Stage } from '../../../shared/schema/stage';
import type { SummaryRow } from '../../../shared/schema/summary';

/** Which projects the pipeline counts: null means no restriction. */
export interface PipelineFilter {
  unitId: Id | null;
  category: Category | null;
}

export interface StageCount {
  stage: Stage;
  count: number;
}

/** What the pipeline needs of a project (a summary row), or of `count` alike projects (a group a board snapshot keeps). */
export type PipelineInput = Pick<SummaryRow, 'stage' | 'unitId' | 'countyId' | 'category'> & { archived?: boolean; count?: number };

export type PipelineGroup = Pick<SummaryRow, 'stage' | 'unitId' | 'countyId' | 'category'> & { count: number };

/** Active projects grouped by what the pipeline looks at (stage, unit, county, category): the same counts, fewer rows. */
export function pipelineGroups(rows: readonly SummaryRow[]): PipelineGroup[] {
  const groups = new Map<string, PipelineGroup>();
  for (const r of rows) {
    if (r.archived) continue;
    const key = `${r.stage}|${r.unitId ?? ''}|${r.countyId ?? ''}|${r.category}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { stage: r.stage, unitId: r.unitId, countyId: r.countyId, category: r.category, count: 1 });
  }
  return [...groups.values()];
}

/** A project belongs to a unit as its 责任单位 or as the county it sits in (the same rule as the rankings). */
function inUnit(row: PipelineInput, unitId: Id): boolean {
  return row.unitId === unitId || row.countyId === unitId;
}

/** The last tracked stage at or before `stage`, else the first tracked one. */
function bucketFor(stage: Stage, stages: readonly Stage[]): Stage | undefined {
  let bucket: Stage | undefined;
  for (const s of stages) if (stageIndex(s) <= stageIndex(stage)) bucket = s;
  return bucket ?? stages[0];
}

/**
 * How many active projects stand at each stage the campaign tracks (谋划储备 → … → 达产), in pipeline order.
 * A project at a stage the campaign does not track counts at the last tracked stage before it.
 */
export function pipelineCounts(rows: readonly PipelineInput[], stages: readonly Stage[], filter: PipelineFilter): StageCount[] {
  const counts = new Map<Stage, number>(stages.map((s) => [s, 0]));
  // Each stage's bucket worked out once, not once per project.
  const bucketOf = new Map<Stage, Stage | undefined>(STAGES.map((stage) => [stage, bucketFor(stage, stages)]));
  for (const row of rows) {
    if (row.archived === true) continue;
    if (filter.unitId !== null && !inUnit(row, filter.unitId)) continue;
    if (filter.category !== null && row.category !== filter.category) continue;
    const key = bucketOf.get(row.stage);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + (row.count ?? 1));
  }
  return stages.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}
