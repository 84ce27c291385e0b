/**
 * Plain validated data (a bundle) written into fresh Yjs documents through the model's layouts, exactly as given:
 * ids, attributions and dates are kept, so an exported workspace imports back to equal data.
 * The model's public mutations mint ids and stamp "now"; an import must not, so this uses the layouts directly.
 */
import * as Y from 'yjs';
import type { ProjectBundle, WorkspaceData } from '../schema/bundle';
import type { FieldError } from '../schema/field-errors';
import { appendActivity, type ActivityChange } from './activity';
import type { RecordLayout } from './layout';
import type { ModelOrigin } from './origin';
import type { ModelResult } from './result';
import { milestoneSlot, problemSlot, projectSlot, reportSlot } from './project-doc';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from './project-layout';
import { planCreate } from './records';
import { flatSlot, singleSlot, writeSlot, type Slot } from './slots';
import { workspaceMap } from './workspace-read';
import {
  CAMPAIGN_LAYOUT,
  MEMBER_LAYOUT,
  REGISTRY_LAYOUT,
  REMINDER_LAYOUT,
  REVIEW_LAYOUT,
  TARGET_LAYOUT,
  UNIT_LAYOUT,
  WORKSPACE_META_LAYOUT,
} from './workspace-layout';
import { err, ok } from '../result';

const SERVER_ORIGIN: ModelOrigin = { source: 'server' };

export type MaterializeResult = ModelResult;

type Write = [Slot, ReadonlyMap<string, unknown>];

function plan<T extends object>(writes: Write[], slot: Slot, layout: RecordLayout<T>, id: string | null, value: object, path: string): FieldError[] {
  const planned = planCreate(slot, layout, id, { ...value });
  if (!planned.ok) return planned.errors.map((e) => ({ ...e, path: e.path ? `${path}.${e.path}` : path }));
  writes.push([slot, planned.plan.writes]);
  return [];
}

/** Writes a workspace into an empty workspace document in one transaction; nothing is written on an error. */
export function writeWorkspaceData(doc: Y.Doc, data: WorkspaceData, created: { by: string; at: number }): MaterializeResult {
  const writes: Write[] = [];
  const errors: FieldError[] = [
    ...plan(writes, singleSlot(workspaceMap(doc, 'meta')), WORKSPACE_META_LAYOUT, null, { id: data.id, name: data.name, created }, 'meta'),
    ...plan(writes, singleSlot(workspaceMap(doc, 'campaign')), CAMPAIGN_LAYOUT, null, data.campaign, 'campaign'),
  ];
  const collections = [
    ['units', UNIT_LAYOUT, data.units],
    ['members', MEMBER_LAYOUT, data.members],
    ['targets', TARGET_LAYOUT, data.targets],
    ['registry', REGISTRY_LAYOUT, data.registry],
    ['reviews', REVIEW_LAYOUT, data.reviews ?? []],
    ['reminders', REMINDER_LAYOUT, data.reminders ?? []],
  ] as const;
  for (const [key, layout, records] of collections) {
    const map = workspaceMap(doc, key);
    records.forEach((record, i) => {
      errors.push(...plan(writes, flatSlot(map, record.id), layout as RecordLayout<object>, record.id, record, `${key}.${i}`));
    });
  }
  if (errors.length > 0) return err({ errors });
  doc.transact(() => {
    for (const [slot, w] of writes) writeSlot(slot, w);
  }, SERVER_ORIGIN);
  return ok();
}

interface TimedActivity {
  by: string;
  at: number;
  change: ActivityChange;
}

/** The activity stream an imported project starts with: creation, ticks, problems, closings and filings, by date. */
function importedActivity(bundle: ProjectBundle): TimedActivity[] {
  const { project } = bundle;
  const out: TimedActivity[] = [{ ...project.created, change: { action: 'project.create', record: { kind: 'project', id: project.id }, to: project.name } }];
  for (const m of bundle.milestones) {
    if (m.done) out.push({ ...m.done, change: { action: 'milestone.tick', record: { kind: 'milestone', id: m.id }, field: 'done', to: true } });
  }
  for (const p of bundle.problems) {
    out.push({ ...p.raised, change: { action: 'problem.add', record: { kind: 'problem', id: p.id }, to: p.description } });
    if (p.resolution) {
      out.push({
        by: p.resolution.by,
        at: p.resolution.at,
        change: { action: 'problem.resolve', record: { kind: 'problem', id: p.id }, field: 'status', to: 'resolved' },
      });
    }
  }
  for (const r of bundle.reports) {
    out.push({ ...r.filed, change: { action: 'report.file', record: { kind: 'report', id: r.month }, field: 'completedWan', to: r.completedWan } });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Writes one project into an empty project document in one transaction; nothing is written on an error. */
export function writeProjectBundle(doc: Y.Doc, bundle: ProjectBundle): MaterializeResult {
  const writes: Write[] = [];
  const errors: FieldError[] = [...plan(writes, projectSlot(doc), PROJECT_LAYOUT, null, bundle.project, 'project')];
  for (const [i, m] of bundle.milestones.entries()) errors.push(...plan(writes, milestoneSlot(doc, m.id), MILESTONE_LAYOUT, m.id, m, `milestones.${i}`));
  for (const [i, p] of bundle.problems.entries()) errors.push(...plan(writes, problemSlot(doc, p.id), PROBLEM_LAYOUT, p.id, p, `problems.${i}`));
  for (const [i, r] of bundle.reports.entries()) errors.push(...plan(writes, reportSlot(doc, r.month), REPORT_LAYOUT, r.month, r, `reports.${i}`));
  if (errors.length > 0) return err({ errors });
  doc.transact(() => {
    for (const [slot, w] of writes) writeSlot(slot, w);
    for (const entry of importedActivity(bundle)) appendActivity(doc, { memberId: entry.by, at: entry.at }, [entry.change]);
  }, SERVER_ORIGIN);
  return ok();
}

/** A whole fresh document as one update (what the store appends for an import: one record per document). */
export function documentUpdate(fill: (doc: Y.Doc) => MaterializeResult): ModelResult<{ update: Uint8Array }> {
  const doc = new Y.Doc();
  try {
    const written = fill(doc);
    if (!written.ok) return written;
    return ok({ update: Y.encodeStateAsUpdate(doc) });
  } finally {
    doc.destroy();
  }
}
