import type { ProjectBundle } from '../schema/bundle';
import type { Member } from '../schema/member';
import type { Unit } from '../schema/unit';
import type { ExistingProject, ImportContext } from './preview';

/** A project bundle as the import engine compares it. */
export function existingProject(bundle: ProjectBundle): ExistingProject {
  const p = bundle.project;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    content: p.content,
    totalInvestmentWan: p.totalInvestmentWan,
    annualPlanWan: p.annualPlanWan,
    plannedStart: p.plannedStart,
    plannedCompletion: p.plannedCompletion,
    leaderId: p.leaderId,
    ownerId: p.ownerId,
    unitId: p.unitId,
    serviceUnitId: p.serviceUnitId,
    countyId: p.countyId,
    category: p.category,
    stage: p.stage,
    progressNote: p.progressNote,
    archived: p.archived,
    problems: bundle.problems.filter((x) => !x.archived).map((x) => x.description),
    reports: bundle.reports.map((r) => ({
      month: r.month,
      completedWan: r.completedWan,
      cumulativeWan: r.cumulativeWan,
      progress: r.progress,
      issues: r.issues,
    })),
  };
}

/** What an import compares with: the workspace's members and units, and its projects' documents. */
export function importContext(workspace: { members: readonly Member[]; units: readonly Unit[] }, projects: readonly ProjectBundle[]): ImportContext {
  return {
    projects: projects.map(existingProject),
    members: workspace.members.map((m) => ({ id: m.id, name: m.name, archived: m.archived })),
    units: workspace.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, archived: u.archived })),
  };
}
