import { stageIndex } from '../../../shared/schema';
import type { Category, Id, Stage, SummaryRow } from '../../../shared/schema';

/** Which projects the pipeline counts: null means no restriction. */
export interface PipelineFilter {
  unitId: Id | null;
  category: Category | null;
}

export interface StageCount {
  stage: Stage;
  count: number;
}

/** A project belongs to a unit as its 责任单位 or as the county it sits in (the same rule as the rankings). */
function inUnit(row: SummaryRow, unitId: Id): boolean {
  return row.unitId === unitId || row.countyId === unitId;
}

/**
 * How many active projects stand at each stage the campaign tracks (谋划储备 → … → 达产), in pipeline order.
 * A project at a stage the campaign does not track counts at the last tracked stage before it.
 */
export function pipelineCounts(rows: readonly SummaryRow[], stages: readonly Stage[], filter: PipelineFilter): StageCount[] {
  const counts = new Map<Stage, number>(stages.map((s) => [s, 0]));
  for (const row of rows) {
    if (row.archived) continue;
    if (filter.unitId !== null && !inUnit(row, filter.unitId)) continue;
    if (filter.category !== null && row.category !== filter.category) continue;
    let bucket: Stage | undefined;
    for (const s of stages) if (stageIndex(s) <= stageIndex(row.stage)) bucket = s;
    const key = bucket ?? stages[0];
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return stages.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}
