import { MilestoneSchema, type Milestone } from '../schema/milestone';
import { MonthlyReportSchema, type MonthlyReport } from '../schema/monthly-report';
import { ProblemSchema, type Problem } from '../schema/problem';
import { ProjectSchema, type Project } from '../schema/project';
import { STAGES, furthestDatedStage } from '../schema/stage';
import type { RecordLayout } from './layout';

/**
 * The stage a project is at is the furthest stage with a date: two people who moved it offline (竣工 by one, 投产 by
 * the other) each kept their date, and the project is at 投产 whichever write reached the server last. Moving back
 * clears the later dates, so it moves the stage back too. Documents with no dates keep their stored stage.
 */
function settleStage(shape: Record<string, unknown>): void {
  const dates = shape.stageDates;
  if (typeof dates !== 'object' || dates === null || Array.isArray(dates)) return;
  const furthest = furthestDatedStage(dates as Record<string, unknown>);
  if (furthest !== null) shape.stage = furthest;
}

/**
 * The project record: one key per field, except values that must stay consistent together: total and annual
 * investment (annual ≤ total), planned start and completion (ordered). Each stage's date has its own key
 * (`stageDate.<stage>`) so concurrent moves merge; the stage follows from the dates (settleStage). Older documents
 * kept the dates inside the `stage` key: they are still read, under any per-stage key written since.
 */
export const PROJECT_LAYOUT: RecordLayout<Project> = {
  schema: ProjectSchema,
  idField: null,
  fields: [
    'id',
    'code',
    'name',
    'category',
    'kind',
    'source',
    'unitId',
    'serviceUnitId',
    'countyId',
    'leaderId',
    'ownerId',
    'team',
    'plan',
    'content',
    'attractedById',
    'keyLevel',
    'progressNote',
    'archived',
    'created',
    'updated',
  ],
  groups: [
    { key: 'stage', fields: { stage: 'stage' }, legacy: { dates: 'stageDates' } },
    { key: 'investment', fields: { totalInvestmentWan: 'totalInvestmentWan', annualPlanWan: 'annualPlanWan' } },
    { key: 'plannedDates', fields: { plannedStart: 'plannedStart', plannedCompletion: 'plannedCompletion' } },
  ],
  keyed: [{ field: 'stageDates', prefix: 'stageDate.', entries: STAGES }],
  settle: settleStage,
};

/** `done` is `{by, at} | null` under one key, so concurrent ticks settle on one ticker. */
export const MILESTONE_LAYOUT: RecordLayout<Milestone> = {
  schema: MilestoneSchema,
  idField: 'id',
  fields: ['title', 'dueDate', 'order', 'done', 'archived', 'created'],
  groups: [],
};

/**
 * The 销号 loop changes together under one key (`state`): status, the request, its return and the closing record, so a
 * resolved problem always carries its closing record and a confirmation always sees the request it confirms. Problems
 * written before the loop have `state` without `request`/`returned`: they read as null. The latest progress report is
 * its own key (reporting progress never races a confirmation).
 */
export const PROBLEM_LAYOUT: RecordLayout<Problem> = {
  schema: ProblemSchema,
  idField: 'id',
  fields: ['description', 'raised', 'departmentId', 'ownerId', 'deadline', 'escalation', 'progress', 'notes', 'archived'],
  groups: [{ key: 'state', fields: { status: 'status', resolution: 'resolution', request: 'request', returned: 'returned' } }],
};

/**
 * 月报, keyed by month so two people filing the same month merge per field. The two figures are one value: they are
 * derived from each other, and mixing one person's monthly figure with another's cumulative would be nobody's report.
 */
export const REPORT_LAYOUT: RecordLayout<MonthlyReport> = {
  schema: MonthlyReportSchema,
  idField: 'month',
  fields: ['progress', 'issues', 'filed', 'revisions'],
  groups: [{ key: 'figures', fields: { completedWan: 'completedWan', cumulativeWan: 'cumulativeWan' } }],
};
