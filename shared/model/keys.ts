/** Top-level names in a workspace document. */
export const WORKSPACE_KEYS = {
  meta: 'meta',
  campaign: 'campaign',
  units: 'units',
  members: 'members',
  targets: 'targets',
  registry: 'registry',
  /** 审核: the 项目办's confirmations of flagged 月报 figures and of registrations (admin writes only). */
  reviews: 'reviews',
  /** 催报: the 项目办's reminders to those who have not filed a month's 月报 (admin writes only). */
  reminders: 'reminders',
} as const;

/** Top-level names in a project document. */
export const PROJECT_KEYS = {
  project: 'project',
  milestones: 'milestones',
  problems: 'problems',
  reports: 'reports',
  activity: 'activity',
} as const;

/**
 * Top-level names in the summary document (written by the server only). Older documents may also hold `meta` and
 * `targetResults` (target results the server used to store): nothing reads or writes them any more.
 */
export const SUMMARY_KEYS = {
  rows: 'rows',
} as const;
