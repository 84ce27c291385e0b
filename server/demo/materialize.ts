import * as Y from 'yjs';
import { summaryRow } from '../../shared/calc/summary-row';
import type { ProjectBundle, WorkspaceData } from '../../shared/schema/bundle';
import { ProjectIdSchema, type CalendarDate } from '../../shared/schema/common';
import { addMember, addTarget, addUnit, confirmReportFigure, initWorkspace, registerProject } from '../../shared/model/workspace-write';
import { addMilestone, tickMilestone } from '../../shared/model/project-milestones';
import { addProblem, confirmProblemClose, editProblem, escalateProblem, requestProblemClose, setProblemStatus } from '../../shared/model/project-problems';
import { editProject, moveStage } from '../../shared/model/project-edit';
import { fileMonthlyReport } from '../../shared/model/project-reports';
import { initProject } from '../../shared/model/project-init';
import { projectDocName, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { writeSummaryRow } from '../../shared/model/summary';
import type { Author } from '../../shared/model/origin';
import type { ModelResult } from '../../shared/model/result';
import { projectEvents, type ProjectEvent } from './project-history';
import { err, ok, type Result } from '../../shared/result';

export interface MaterializeOptions {
  /**
   * true: every edit is its own transaction, authored and timed as it happened, so the documents carry a real year of
   * history. false: each document is written in one transaction (same final content, one update per document).
   */
  withHistory: boolean;
  /** Also build the summary document (one row per project; target results are computed by whoever shows them). */
  withSummary?: boolean;
  /**
   * Makes each document, given its room name (ws/<id>, ws/<id>/project/<pid>, ws/<id>/summary), so a caller can wire
   * persistence or listeners before the first edit (e.g. store every update of the history). Default: a new Y.Doc.
   */
  createDoc?: (name: string) => Y.Doc;
}

export interface MaterializedWorkspace {
  workspaceDoc: Y.Doc;
  /** By project id. */
  projectDocs: Map<string, Y.Doc>;
  summaryDoc?: Y.Doc;
}

export type MaterializeResult = Result<MaterializedWorkspace, { errors: string[] }>;

/** The transaction origin of a batched (history-less) build: the server seeds demo documents. */
const SEED_ORIGIN = { source: 'server' } as const;

function applyProjectEvent(doc: Y.Doc, event: ProjectEvent): ModelResult {
  const a = event.author;
  switch (event.kind) {
    case 'init': {
      const ids = [...(event.checklist?.ids ?? [])];
      return initProject(doc, event.input, a, {
        locale: 'zh-CN',
        defaultMilestones: event.checklist !== null,
        ...(event.checklist ? { milestoneDueDates: event.checklist.dueDates } : {}),
        newId: () => ids.shift() ?? '',
      });
    }
    case 'addMilestone':
      return addMilestone(doc, event.input, a);
    case 'stage':
      return moveStage(doc, event.stage, event.date, a);
    case 'edit':
      return editProject(doc, event.patch, a);
    case 'tick':
      return tickMilestone(doc, event.milestoneId, true, a);
    case 'raise':
      return addProblem(doc, event.input, a);
    case 'problemStatus':
      return setProblemStatus(doc, event.problemId, 'inProgress', a);
    case 'problemNotes':
      return editProblem(doc, event.problemId, { notes: event.notes }, a);
    case 'escalate':
      return escalateProblem(doc, event.problemId, event.level, a);
    case 'requestClose':
      return requestProblemClose(doc, event.problemId, event.evidence, a);
    case 'confirmClose':
      return confirmProblemClose(doc, event.problemId, a);
    case 'report':
      return fileMonthlyReport(doc, event.input, a);
  }
}

/** Runs `steps` either each in its own transaction (history) or all in one; collects what the model refused. */
function build(doc: Y.Doc, withHistory: boolean, steps: readonly (() => ModelResult)[], where: string, errors: string[]): void {
  const run = () => {
    for (const [i, step] of steps.entries()) {
      const result = step();
      if (!result.ok) errors.push(`${where} step ${i}: ${result.errors.map((e) => `${e.path} ${e.key}`).join('; ')}`);
    }
  };
  if (withHistory) run();
  else doc.transact(run, SEED_ORIGIN);
}

/** The workspace document: set up a few days before the project list, then units, members, targets and the registry. */
function buildWorkspace(doc: Y.Doc, data: WorkspaceData, projects: readonly ProjectBundle[], withHistory: boolean, errors: string[]): Y.Doc {
  const admin = data.members.find((m) => m.role === 'admin')?.id ?? data.members[0]?.id ?? 'system';
  const firstCreated = Math.min(...projects.map((b) => b.project.created.at), ...data.targets.map((t) => t.created.at));
  const setup: Author = { memberId: admin, at: Number.isFinite(firstCreated) ? firstCreated - 3 * 86_400_000 : 0 };
  const createdById = new Map(projects.map((b) => [b.project.id, b.project.created]));
  const steps: (() => ModelResult)[] = [
    () => initWorkspace(doc, { id: data.id, name: data.name, campaign: data.campaign }, setup),
    ...data.units.map((u) => () => addUnit(doc, { id: u.id, name: u.name, kind: u.kind, headId: u.headId }, setup)),
    ...data.members.map((m) => () => addMember(doc, { id: m.id, name: m.name, rank: m.rank, role: m.role, unitId: m.unitId }, setup)),
    // The project list is registered entry by entry, then the targets are set against it.
    ...data.registry
      .map((r) => {
        const created = createdById.get(r.id);
        return { r, author: created ? { memberId: created.by, at: created.at } : setup };
      })
      .sort((a, b) => a.author.at - b.author.at)
      .map(
        ({ r, author }) =>
          () =>
            registerProject(
              doc,
              {
                id: r.id,
                name: r.name,
                unitId: r.unitId,
                ownerId: r.ownerId,
                leaderId: r.leaderId,
                team: [...r.team],
                ...(r.problemParties ? { problemParties: r.problemParties } : {}),
              },
              author,
            ),
      ),
    ...[...data.targets]
      .sort((a, b) => a.created.at - b.created.at)
      .map(
        (t) => () =>
          addTarget(
            doc,
            { id: t.id, title: t.title, scope: t.scope, start: t.start, end: t.end, windowId: t.windowId, goal: t.goal, metric: t.metric },
            { memberId: t.created.by, at: t.created.at },
          ),
      ),
    // the 项目办's 审核 of the demo's late or flagged 月报, each on its day
    ...(data.reviews ?? [])
      .flatMap((r) => (r.kind === 'report' ? [r] : []))
      .sort((a, b) => a.confirmed.at - b.confirmed.at)
      .map(
        (r) => () =>
          confirmReportFigure(
            doc,
            { projectId: r.projectId, month: r.month, completedWan: r.completedWan, cumulativeWan: r.cumulativeWan },
            { memberId: r.confirmed.by, at: r.confirmed.at },
            { newId: () => r.id },
          ),
      ),
  ];
  build(doc, withHistory, steps, 'workspace', errors);
  return doc;
}

/**
 * Writes generated data into Yjs documents ONLY through the model's mutations, so the documents look exactly like
 * ones people filled in: the workspace document, one document per project and, if asked, the summary document.
 */
export function materializeWorkspace(
  generated: { workspace: WorkspaceData; projects: readonly ProjectBundle[]; asOf: CalendarDate },
  options: MaterializeOptions,
): MaterializeResult {
  const errors: string[] = [];
  const createDoc = options.createDoc ?? (() => new Y.Doc());
  const wsId = generated.workspace.id;
  const workspaceDoc = buildWorkspace(createDoc(workspaceDocName(wsId)), generated.workspace, generated.projects, options.withHistory, errors);
  const projectDocs = new Map<string, Y.Doc>();
  for (const bundle of generated.projects) {
    const doc = createDoc(projectDocName(wsId, ProjectIdSchema.parse(bundle.project.id)));
    const events = projectEvents(bundle, generated.asOf);
    build(
      doc,
      options.withHistory,
      events.map((e) => () => applyProjectEvent(doc, e)),
      `project ${bundle.project.id}`,
      errors,
    );
    projectDocs.set(bundle.project.id, doc);
  }
  if (errors.length > 0) return err({ errors });
  if (!options.withSummary) return ok({ workspaceDoc, projectDocs });

  const summaryDoc = createDoc(summaryDocName(wsId));
  const rows = generated.projects.map((b) => summaryRow(b));
  build(
    summaryDoc,
    false,
    rows.map((row) => () => writeSummaryRow(summaryDoc, row)),
    'summary',
    errors,
  );
  if (errors.length > 0) return err({ errors });
  return ok({ workspaceDoc, projectDocs, summaryDoc });
}
