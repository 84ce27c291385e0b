import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { Role } from '../../../shared/schema/member';
import type { RaisedProblem } from '../../../shared/calc/checklist-item';
import type { ChecklistData, InvalidLine, ProjectLine, TargetLine } from './checklist-data';

// Kept free of the document model (and so of Yjs): the popup paints from the projection before that code loads.

/** What only the documents know: invalid records, departments, the campaign's stages, rights. */
export interface LiveExtras {
  workspace: WorkspaceData | null;
  invalid: InvalidLine[];
  /** My role as shared/rights `effectiveRole` says (the workspace document's wins over the token's); null: archived. */
  role: Role | null;
  memberName: string | null;
}

/** What the stored projection holds (client/stored-rows.ts), structurally. */
export interface ProjectionLike {
  asOf: string;
  items: ChecklistData['items'];
  targets: readonly TargetLine[];
  projects: readonly ProjectLine[];
  raised?: readonly RaisedProblem[];
  names?: Readonly<Record<string, string>>;
}

/** The stored projection, completed with what the documents say once they are open. */
export function checklistData(projection: ProjectionLike, extras: LiveExtras | null): ChecklistData {
  return {
    asOf: projection.asOf,
    items: projection.items,
    targets: projection.targets,
    projects: projection.projects,
    invalid: extras?.invalid ?? [],
    units: (extras?.workspace?.units ?? []).filter((u) => !u.archived).map((u) => ({ id: u.id, name: u.name, headId: u.headId })),
    people: (extras?.workspace?.members ?? []).filter((m) => !m.archived).map((m) => ({ id: m.id, name: m.name, unitId: m.unitId })),
    raised: (projection.raised ?? []).map((p) => ({ ...p, responsibleName: p.responsibleId === null ? null : (projection.names?.[p.responsibleId] ?? null) })),
    ...(extras?.workspace ? { stages: extras.workspace.campaign.stages } : {}),
  };
}
