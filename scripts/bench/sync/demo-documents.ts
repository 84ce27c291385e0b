/**
 * Realistic document states for the memory and cold-load measurements: county-scale demo projects (server/demo)
 * written into project documents through the typed model, as the extension would, and a project's 50,000-update
 * history of cadres' edits.
 */
import * as Y from 'yjs';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { addMilestone, tickMilestone } from '../../../shared/model/project-milestones';
import { addProblem, escalateProblem, resolveProblem, setProblemStatus } from '../../../shared/model/project-problems';
import { editProject } from '../../../shared/model/project-edit';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { initProject } from '../../../shared/model/project-init';
import type { Author } from '../../../shared/model/origin';
import type { ProjectBundle } from '../../../shared/schema/bundle';

const DEMO = { scale: 'county', seed: 20_260_301, year: 2026, asOf: '2026-06-30' } as const;

/** Writes one demo project into `doc` through the model; returns how many model calls were refused. */
export function writeProject(doc: Y.Doc, bundle: ProjectBundle): number {
  const { project } = bundle;
  const { archived: _archived, created, updated: _updated, ...input } = project;
  let refused = 0;
  const count = (result: { ok: boolean }) => {
    if (!result.ok) refused++;
  };
  const by = (who: string, at: number): Author => ({ memberId: who, at });
  count(initProject(doc, input, by(created.by, created.at), { locale: 'zh-CN', defaultMilestones: false }));
  for (const milestone of bundle.milestones) {
    const author = by(milestone.created.by, milestone.created.at);
    count(addMilestone(doc, { id: milestone.id, title: milestone.title, dueDate: milestone.dueDate, order: milestone.order }, author));
    if (milestone.done) count(tickMilestone(doc, milestone.id, true, by(milestone.done.by, milestone.done.at)));
  }
  for (const problem of bundle.problems) {
    const author = by(problem.raised.by, problem.raised.at);
    const { id, description, departmentId, ownerId, deadline, notes } = problem;
    count(addProblem(doc, { id, description, departmentId, ownerId, deadline, notes }, author));
    if (problem.escalation !== 'assigned') count(escalateProblem(doc, id, problem.escalation, author));
    if (problem.status === 'inProgress') count(setProblemStatus(doc, id, 'inProgress', author));
    if (problem.resolution) count(resolveProblem(doc, id, problem.resolution.evidence, by(problem.resolution.by, problem.resolution.at)));
  }
  for (const report of [...bundle.reports].sort((a, b) => a.month.localeCompare(b.month))) {
    const { month, completedWan, progress, issues, filed } = report;
    count(fileMonthlyReport(doc, { month, completedWan, progress, issues }, by(filed.by, filed.at)));
  }
  return refused;
}

export interface DemoStates {
  /** One whole project document per demo project, as the update a fresh replica would apply. */
  states: Uint8Array[];
  refusedWrites: number;
}

export function demoProjectStates(limit: number): DemoStates {
  const { projects } = generateWorkspace(DEMO);
  let refusedWrites = 0;
  const states = projects.slice(0, limit).map((bundle) => {
    const doc = new Y.Doc();
    refusedWrites += writeProject(doc, bundle);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  });
  return { states, refusedWrites };
}

/**
 * `count` updates of one project document, each a separate transaction as a server stores them: the project written
 * through the model, then two cadres taking turns editing its 形象进度 note and annual plan (each edit also appends
 * to the document's activity stream).
 */
export function projectHistory(count: number): Uint8Array[] {
  const bundle = demoProjectWithReports();
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  writeProject(doc, bundle);
  const cadres = [bundle.project.ownerId ?? 'owner', bundle.project.team[0] ?? 'team'];
  const start = Date.UTC(2026, 6, 1, 1);
  for (let i = 0; updates.length < count; i++) {
    const author = { memberId: cadres[i % 2] ?? 'owner', at: start + i * 60_000 };
    const patch = i % 3 === 0 ? { annualPlanWan: 1_000 + (i % 500) } : { progressNote: `主体结构施工，完成第${i % 40}层，累计完成投资${i % 900}万元` };
    editProject(doc, patch, author);
  }
  doc.destroy();
  return updates.slice(0, count);
}

/** A county demo project that has 月报 (the first one, when none has). */
export function demoProjectWithReports(): ProjectBundle {
  const { projects } = generateWorkspace(DEMO);
  const bundle = projects.find((p) => p.reports.length > 0) ?? projects[0];
  if (!bundle) throw new Error('the demo workspace has no projects');
  return bundle;
}
