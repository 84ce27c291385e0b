import { evaluateTargets } from '../../../shared/calc/targets';
import { summaryRow } from '../../../shared/calc/summary-row';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** A seeded county workspace (150 projects) as of 15 June 2026, with its summary rows. */
export function countyBoard(): { workspace: WorkspaceData; rows: SummaryRow[]; asOf: string } {
  const asOf = '2026-06-15';
  const { workspace, projects } = generateWorkspace({ scale: 'county', seed: 11, year: 2026, asOf });
  return { workspace, rows: projects.map((b) => summaryRow(b)), asOf };
}

export { evaluateTargets };
