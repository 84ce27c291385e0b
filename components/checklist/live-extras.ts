import { summaryRow } from '../../shared/calc/summary-row';
import { currentTheme } from '../../shared/calc/themes';
import type { QuarterNumber } from '../../shared/calc/dates';
import { toProjectBundle, toWorkspaceData, type ProjectRead, type RecordRead, type WorkspaceRead } from '../../shared/model';
import { canEditProject } from '../../shared/rights';
import type { WorkspaceData } from '../../shared/schema/bundle';
import type { QuarterTheme } from '../../shared/schema/campaign';
import type { Role } from '../../shared/schema/member';
import type { ChecklistData, InvalidKind, InvalidLine, ProjectLine, TargetLine } from './checklist-data';

/** A project document the popup has open, as read through the model. */
export interface LiveProject {
  id: string;
  read: ProjectRead;
}

/** What only the documents know: invalid records, departments, the campaign's stages and theme, rights. */
export interface LiveExtras {
  workspace: WorkspaceData | null;
  invalid: InvalidLine[];
  /** Per project: 今年累计 and the last reported month, for the 月报 form. */
  facts: ReadonlyMap<string, Pick<ProjectLine, 'cumulativeWan' | 'lastReportMonth'>>;
  theme: { quarter: QuarterNumber; theme: QuarterTheme } | null;
  /** My role as the workspace document says (it wins over the token's, as on the server). */
  role: Role | null;
  memberName: string | null;
}

function invalidLines(reads: readonly RecordRead<unknown>[], kind: InvalidKind, scope: string, projectName?: string): InvalidLine[] {
  const out: InvalidLine[] = [];
  for (const read of reads) {
    if (read.ok) continue;
    out.push({ id: `${scope}:${kind}:${read.id}`, kind, recordId: read.id, reasons: read.reasons, ...(projectName ? { projectName } : {}) });
  }
  return out;
}

export function liveExtras(workspaceRead: WorkspaceRead, projects: readonly LiveProject[], memberId: string, asOf: string): LiveExtras {
  const workspace = toWorkspaceData(workspaceRead).data;
  const names = new Map((workspace?.registry ?? []).map((e) => [e.id, e.name]));
  const invalid: InvalidLine[] = [
    ...invalidLines([workspaceRead.meta, workspaceRead.campaign], 'workspace', 'ws'),
    ...invalidLines(workspaceRead.targets, 'target', 'ws'),
  ];
  const facts = new Map<string, Pick<ProjectLine, 'cumulativeWan' | 'lastReportMonth'>>();
  for (const { id, read } of projects) {
    const name = read.project.ok ? read.project.value.name : names.get(id) ?? id;
    invalid.push(
      ...invalidLines([read.project], 'project', id, name),
      ...invalidLines(read.milestones, 'milestone', id, name),
      ...invalidLines(read.problems, 'problem', id, name),
      ...invalidLines(read.reports, 'report', id, name),
    );
    const { bundle } = toProjectBundle(read);
    if (bundle) {
      const row = summaryRow(bundle);
      facts.set(id, { cumulativeWan: row.cumulativeWan, lastReportMonth: row.lastReportMonth });
    }
  }
  const me = workspace?.members.find((m) => m.id === memberId);
  return {
    workspace,
    invalid,
    facts,
    theme: workspace ? currentTheme(workspace.campaign, asOf) : null,
    role: me?.role ?? null,
    memberName: me?.name ?? null,
  };
}

/** What the stored projection holds (client/projection-schema.ts), structurally. */
export interface ProjectionLike {
  asOf: string;
  items: ChecklistData['items'];
  targets: readonly TargetLine[];
  projects: ReadonlyArray<Omit<ProjectLine, 'cumulativeWan' | 'lastReportMonth'>>;
}

/** The stored projection, completed with what the documents say once they are open. */
export function checklistData(projection: ProjectionLike, extras: LiveExtras | null): ChecklistData {
  return {
    asOf: projection.asOf,
    items: projection.items,
    targets: projection.targets,
    projects: projection.projects.map((p) => ({ ...p, ...(extras?.facts.get(p.id) ?? {}) })),
    invalid: extras?.invalid ?? [],
    units: (extras?.workspace?.units ?? []).filter((u) => !u.archived).map((u) => ({ id: u.id, name: u.name })),
    ...(extras?.workspace ? { stages: extras.workspace.campaign.stages } : {}),
  };
}

/**
 * Edit controls only where the server accepts the edit (shared/rights.ts). Until the workspace document is read the
 * registry is unknown, so nothing is editable yet.
 */
export function editRights(tokenRole: Role, memberId: string, extras: LiveExtras | null): (projectId: string) => boolean {
  const workspace = extras?.workspace;
  if (!workspace) return () => false;
  const role = extras.role ?? tokenRole;
  const entries = new Map(workspace.registry.map((e) => [e.id, e]));
  return (projectId) => canEditProject(role, memberId, entries.get(projectId) ?? null);
}
