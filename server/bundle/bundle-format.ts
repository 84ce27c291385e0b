/**
 * The import/export file: one workspace and its projects as plain data (docs/bundle-format.md).
 * Validation is in two layers: the envelope first, then each row on its own, so one bad row is reported by index
 * instead of drowning the rest.
 */
import { z } from 'zod';
import { ProjectBundleSchema, WorkspaceDataSchema, type ProjectBundle, type WorkspaceData } from '../../shared/schema/bundle';

export const BUNDLE_FORMAT = 'guatu-bundle';
export const BUNDLE_VERSION = 1;

export const GuatuBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  workspace: WorkspaceDataSchema,
  projects: z.array(ProjectBundleSchema),
});
export type GuatuBundle = z.infer<typeof GuatuBundleSchema>;

/** The envelope without looking inside the rows. */
export const BundleEnvelopeSchema = z.object({
  format: z.unknown(),
  version: z.unknown(),
  workspace: z.unknown(),
  projects: z.array(z.unknown()),
});

export function makeBundle(workspace: WorkspaceData, projects: ProjectBundle[]): GuatuBundle {
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, workspace, projects };
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A bundle in the order the model reads documents back (records by id; milestones by position, problems by when
 * they were raised, reports by month; projects by id): what an export of the same data produces.
 */
export function canonicalBundle(bundle: GuatuBundle): GuatuBundle {
  const w = bundle.workspace;
  return makeBundle(
    {
      ...w,
      units: [...w.units].sort(byId),
      members: [...w.members].sort(byId),
      targets: [...w.targets].sort(byId),
      registry: [...w.registry].sort(byId),
      // 催报 records: absent in bundles written before them, read as none
      reminders: [...(w.reminders ?? [])].sort(byId),
    },
    [...bundle.projects]
      .map((p) => ({
        project: p.project,
        milestones: [...p.milestones].sort((a, b) => a.order - b.order || byId(a, b)),
        problems: [...p.problems].sort((a, b) => a.raised.at - b.raised.at || byId(a, b)),
        reports: [...p.reports].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
      }))
      .sort((a, b) => byId(a.project, b.project)),
  );
}
