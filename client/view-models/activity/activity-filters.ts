/**
 * The 动态 page's filters and the choices it offers: members, units and projects by name from the workspace document
 * (never ids on screen), the record kinds, and a date range in Asia/Shanghai days. Turned into the query of
 * GET /api/workspaces/:id/activity.
 */
import type { RecordRead } from '../../../shared/model/result';
import type { CalendarDate } from '../../../shared/schema/common';

export const ACTIVITY_KINDS = ['project', 'milestone', 'problem', 'report'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Empty string: no filter on that field. */
export interface ActivityFilters {
  member: string;
  unit: string;
  project: string;
  kind: ActivityKind | '';
  from: CalendarDate | '';
  to: CalendarDate | '';
}

export const NO_FILTERS: ActivityFilters = { member: '', unit: '', project: '', kind: '', from: '', to: '' };

export interface Choice {
  value: string;
  label: string;
}

export interface FilterChoices {
  members: Choice[];
  units: Choice[];
  projects: Choice[];
}

const byLabel = (a: Choice, b: Choice): number => a.label.localeCompare(b.label, 'zh-CN');

/** What the selects offer, read from the workspace document (archived records are still filterable: their edits stay). */
export function filterChoices(workspace: {
  members: readonly RecordRead<{ id: string; name: string }>[];
  units: readonly RecordRead<{ id: string; name: string }>[];
  registry: readonly RecordRead<{ id: string; name: string }>[];
}): FilterChoices {
  const choices = (reads: readonly RecordRead<{ id: string; name: string }>[]): Choice[] =>
    reads.flatMap((r) => (r.ok ? [{ value: r.value.id, label: r.value.name }] : [])).sort(byLabel);
  return { members: choices(workspace.members), units: choices(workspace.units), projects: choices(workspace.registry) };
}

/** The query string for one page (without `?`); only the filters that are set. */
export function activityQuery(filters: ActivityFilters, cursor: string | null, limit: number): string {
  const params = new URLSearchParams();
  for (const key of ['member', 'unit', 'project', 'kind', 'from', 'to'] as const) if (filters[key] !== '') params.set(key, filters[key]);
  if (cursor !== null) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}

/** A date range whose start is after its end selects nothing: the page says so instead of asking. */
export function rangeIsValid(filters: Pick<ActivityFilters, 'from' | 'to'>): boolean {
  return filters.from === '' || filters.to === '' || filters.from <= filters.to;
}
