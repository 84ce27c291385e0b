import { MilestoneSchema, type Milestone } from '../schema/milestone';
import { MonthlyReportSchema, type MonthlyReport } from '../schema/monthly-report';
import { ProblemSchema, type Problem } from '../schema/problem';
import { ProjectSchema, type Project } from '../schema/project';
import type { RecordLayout } from './layout';

/**
 * The project record: one key per field, except values that must stay consistent together: the stage with its
 * dates (a stage move and its date are atomic), total and annual investment (annual ≤ total), planned start and
 * completion (ordered).
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
    { key: 'stage', fields: { stage: 'stage', dates: 'stageDates' } },
    { key: 'investment', fields: { totalInvestmentWan: 'totalInvestmentWan', annualPlanWan: 'annualPlanWan' } },
    { key: 'plannedDates', fields: { plannedStart: 'plannedStart', plannedCompletion: 'plannedCompletion' } },
  ],
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
  fields: ['progress', 'issues', 'filed'],
  groups: [{ key: 'figures', fields: { completedWan: 'completedWan', cumulativeWan: 'cumulativeWan' } }],
};
