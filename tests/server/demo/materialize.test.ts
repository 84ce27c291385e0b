import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { materializeWorkspace } from '../../../server/demo/materialize';
import { projectEvents } from '../../../server/demo/project-history';
import { isModelOrigin } from '../../../shared/model/origin';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readSummary } from '../../../shared/model/summary';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import { validValues } from '../../../shared/model/result';
import { ProjectIdSchema } from '../../../shared/schema/common';

const AS_OF = '2025-10-20';
const SEED = 5;
const county = generateWorkspace({ scale: 'county', seed: SEED, year: 2025, asOf: AS_OF });

function materialized(withHistory: boolean, withSummary = false) {
  const result = materializeWorkspace(county, { withHistory, withSummary });
  if (!result.ok) throw new Error(`seed ${SEED}: ${result.errors.slice(0, 5).join('\n')}`);
  return result;
}

describe('materializeWorkspace', () => {
  it.each([true, false])('reads back equal to the generated county (withHistory: %s)', (withHistory) => {
    const m = materialized(withHistory);
    const workspace = toWorkspaceData(readWorkspace(m.workspaceDoc));
    expect(workspace.invalid).toBe(0);
    expect(workspace.data).toEqual(county.workspace);
    expect(m.projectDocs.size).toBe(150);
    for (const bundle of county.projects) {
      const read = toProjectBundle(readProjectDoc(m.projectDocs.get(bundle.project.id)!));
      expect(read.invalid, bundle.project.id).toBe(0);
      expect(read.bundle, bundle.project.id).toEqual(bundle);
    }
  });

  it('reads back equal for other seeds and as-of days, early and late in the year', () => {
    for (const [seed, asOf] of [
      [31, '2025-02-12'],
      [32, '2025-12-31'],
    ] as const) {
      const g = generateWorkspace({ scale: 'county', seed, year: 2025, asOf });
      const m = materializeWorkspace(g, { withHistory: true });
      if (!m.ok) throw new Error(`seed ${seed}: ${m.errors.slice(0, 3).join('\n')}`);
      for (const bundle of g.projects) {
        expect(toProjectBundle(readProjectDoc(m.projectDocs.get(bundle.project.id)!)).bundle, `seed ${seed}, ${bundle.project.id}`).toEqual(bundle);
      }
    }
  });

  it('with history, writes each edit as its own update, with the author and time of the edit, in time order', () => {
    const bundle = county.projects.find((b) => b.project.kind === 'new' && b.project.stageDates.started && b.reports.length >= 6 && b.problems.length > 0)!;
    const origins = new Map<string, unknown[]>();
    const m = materializeWorkspace(
      { ...county, projects: [bundle] },
      {
        withHistory: true,
        createDoc: (name) => {
          const doc = new Y.Doc();
          const seen: unknown[] = [];
          origins.set(name, seen);
          doc.on('update', (_update: Uint8Array, origin: unknown) => seen.push(origin));
          return doc;
        },
      },
    );
    expect(m.ok).toBe(true);
    const events = projectEvents(bundle, AS_OF);
    const projectOrigins = origins.get(projectDocName(county.workspace.id, ProjectIdSchema.parse(bundle.project.id)))!;
    expect(projectOrigins.every(isModelOrigin)).toBe(true);
    expect(projectOrigins).toEqual(events.map((e) => ({ source: 'local', memberId: e.author.memberId, at: e.author.at })));
    const times = events.map((e) => e.author.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Workspace: init, 15 units, 80 members, 150 registry entries, the targets, the 项目办's approvals of late 月报:
    // one update each, in time order.
    const workspaceOrigins = origins.get(workspaceDocName(county.workspace.id)) as { at: number }[];
    const reviews = county.workspace.reviews?.length ?? 0;
    expect(reviews).toBeGreaterThan(0);
    expect(workspaceOrigins).toHaveLength(1 + 15 + 80 + 150 + county.workspace.targets.length + reviews);
    expect(workspaceOrigins.map((o) => o.at)).toEqual(workspaceOrigins.map((o) => o.at).sort((a, b) => a - b));
  });

  it("with history, the activity stream tells the year: registration, stage moves to today's stage, each 月报", () => {
    const bundle = county.projects.find((b) => b.project.kind === 'new' && b.project.stageDates.started && b.reports.length >= 6)!;
    const m = materialized(true);
    const activity = validValues(readProjectDoc(m.projectDocs.get(bundle.project.id)!).activity);
    expect(activity[0]).toMatchObject({ action: 'project.create', by: bundle.project.created.by, at: bundle.project.created.at });
    expect(activity.filter((e) => e.action === 'report.file' && e.field === 'cumulativeWan').map((e) => e.record?.id)).toEqual(
      bundle.reports.map((r) => r.month),
    );
    const moves = activity.filter((e) => e.action === 'project.stage');
    expect(moves.at(-1)?.to).toEqual({ stage: bundle.project.stage, date: bundle.project.stageDates[bundle.project.stage] });
    expect(moves.length).toBe(projectEvents(bundle, AS_OF).filter((e) => e.kind === 'stage').length);
    expect(new Set(activity.map((e) => e.by)).size).toBeGreaterThan(1);
  });

  it('without history, writes each document in one update', () => {
    const counts = new Map<string, number>();
    const m = materializeWorkspace(
      { ...county, projects: county.projects.slice(0, 5) },
      {
        withHistory: false,
        createDoc: (name) => {
          const doc = new Y.Doc();
          counts.set(name, 0);
          doc.on('update', () => counts.set(name, (counts.get(name) ?? 0) + 1));
          return doc;
        },
      },
    );
    expect(m.ok).toBe(true);
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('builds the summary: one row per project, and no stored target results (readers compute them)', () => {
    const m = materialized(false, true);
    const summary = readSummary(m.summaryDoc!);
    expect(summary.rows).toHaveLength(150);
    expect([...m.summaryDoc!.share.keys()]).toEqual(['rows']);
  });

  it('reports what the model refuses instead of throwing', () => {
    const broken = structuredClone(county);
    broken.projects[0]!.reports[0]!.month = 'not-a-month';
    const result = materializeWorkspace(broken, { withHistory: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain(broken.projects[0]!.project.id);
  });
});
