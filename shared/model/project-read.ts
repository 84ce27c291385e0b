import type * as Y from 'yjs';
import type { Milestone } from '../schema/milestone';
import type { MonthlyReport } from '../schema/monthly-report';
import type { Problem } from '../schema/problem';
import type { Project } from '../schema/project';
import { readActivity, type ActivityEntry } from './activity';
import { parseStored } from './layout';
import { PROJECT_KEYS } from './keys';
import { projectMap, projectSlot } from './project-doc';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from './project-layout';
import type { RecordRead } from './result';
import { readCollection, readSlot } from './slots';

/** Everything in a project document, each record valid or invalid with its reasons. */
export interface ProjectRead {
  project: RecordRead<Project>;
  /** Sorted by id (the same on every replica); the bundle orders them for people. */
  milestones: RecordRead<Milestone>[];
  problems: RecordRead<Problem>[];
  /** Sorted by month. */
  reports: RecordRead<MonthlyReport>[];
  /** In document order. */
  activity: RecordRead<ActivityEntry>[];
}

/** Reads a project document; never throws. */
export function readProjectDoc(doc: Y.Doc): ProjectRead {
  return {
    project: parseStored(PROJECT_LAYOUT, PROJECT_KEYS.project, readSlot(projectSlot(doc), PROJECT_LAYOUT)),
    milestones: readCollection(projectMap(doc, 'milestones'), MILESTONE_LAYOUT),
    problems: readCollection(projectMap(doc, 'problems'), PROBLEM_LAYOUT),
    reports: readCollection(projectMap(doc, 'reports'), REPORT_LAYOUT),
    activity: readActivity(doc),
  };
}
