import type { ProjectBundle, WorkspaceData } from '../schema/bundle';
import type { ProjectRead } from './project-read';
import { validValues } from './result';
import type { WorkspaceRead } from './workspace-read';

/**
 * A project read as the plain bundle the calculations work on: valid records only, in the order people see them
 * (milestones by position, problems by when they were raised, reports by month). `invalid` counts what was left out.
 */
export function toProjectBundle(read: Omit<ProjectRead, 'activity'>): { bundle: ProjectBundle | null; invalid: number } {
  const invalid = [read.project, ...read.milestones, ...read.problems, ...read.reports].filter((r) => !r.ok).length;
  if (!read.project.ok) return { bundle: null, invalid };
  return {
    bundle: {
      project: read.project.value,
      milestones: validValues(read.milestones).sort((a, b) => a.order - b.order || cmp(a.id, b.id)),
      problems: validValues(read.problems).sort((a, b) => a.raised.at - b.raised.at || cmp(a.id, b.id)),
      reports: validValues(read.reports).sort((a, b) => cmp(a.month, b.month)),
    },
    invalid,
  };
}

/** A workspace read as plain data: null until the workspace and its campaign are readable. */
export function toWorkspaceData(read: WorkspaceRead): { data: WorkspaceData | null; invalid: number } {
  const invalid = [read.meta, read.campaign, ...read.units, ...read.members, ...read.targets, ...read.registry, ...read.reviews, ...read.reminders].filter(
    (r) => !r.ok,
  ).length;
  if (!read.meta.ok || !read.campaign.ok) return { data: null, invalid };
  return {
    data: {
      id: read.meta.value.id,
      name: read.meta.value.name,
      campaign: read.campaign.value,
      units: validValues(read.units),
      members: validValues(read.members),
      targets: validValues(read.targets),
      registry: validValues(read.registry),
      reviews: validValues(read.reviews),
      reminders: validValues(read.reminders),
    },
    invalid,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
