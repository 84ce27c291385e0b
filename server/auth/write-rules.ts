/**
 * What a client may change inside a document it may write (SPEC §5: a member can never raise their own rights;
 * attribution written by a client must be its own). The rights table decides whether a connection writes at all;
 * these rules look at what one accepted update changed, key by key.
 */
import { parseDocName } from '../../shared/model/doc-names';
import { PROJECT_KEYS, WORKSPACE_KEYS } from '../../shared/model/keys';
import type { Role } from '../../shared/schema/member';
import type { AppliedChange } from '../sync/applied-change';

/** Why a change was refused; logged, counted, and the connection is closed with 4403. */
export type WriteRefusal =
  | 'foreign-type'
  | 'attribution-not-author'
  | 'member-rights-field'
  | 'own-rights-field'
  | 'review-not-admin'
  | 'confirm-not-admin'
  | 'credit-field'
  | 'plan-figure'
  | 'archive-project'
  | 'report-unattributed'
  | 'report-history-rewritten'
  | 'reminder-not-admin'
  | 'report-rules-not-admin';

export interface Writer {
  memberId: string;
  /** The role that counts now (workspace document over token); null for an archived member. */
  role: Role | null;
}

/** Member fields that carry rights: only 项目办 (admin) changes them, and never their own. */
const MEMBER_RIGHTS_FIELDS = new Set(['role', 'archived']);
/** Project fields that carry rights or credit (联系领导, 责任人, team, 招商 credit): set at creation, changed by admin or leader only. */
const PROJECT_CREDIT_FIELDS = new Set(['leaderId', 'ownerId', 'team', 'attractedById']);
/**
 * The figures a project's 月报 are measured against (总投资, 年度计划投资): the plausibility rules and 完成率 divide by
 * them, so a member who could raise them could make any figure look plausible. Set at creation; then admin or leader.
 */
const PROJECT_PLAN_FIELDS = new Set(['totalInvestmentWan', 'annualPlanWan']);
/**
 * Deleting a project is archiving it (and restoring undoes it): the 项目办's decision in the admin console, or a
 * leader's. An owner or team member who could archive their project could hide it from targets and rankings.
 */
const PROJECT_ARCHIVE_FIELD = 'archived';
/** The workspace map of 审核 confirmations of flagged figures and registrations: admin only. */
const REVIEWS_MAP = WORKSPACE_KEYS.reviews;

const isAdmin = (role: Role | null): boolean => role === 'admin';
const editsEverything = (role: Role | null): boolean => role === 'admin' || role === 'leader';

/** `<id>/<field>` keys of flat collections. */
function splitKey(key: string): { id: string; field: string } | null {
  const slash = key.lastIndexOf('/');
  return slash <= 0 ? null : { id: key.slice(0, slash), field: key.slice(slash + 1) };
}

/** The first refused change of `change` in document `docName` written by `writer`, or null when all of it may stand. */
export function vetWrite(writer: Writer, docName: string, change: AppliedChange): WriteRefusal | null {
  if (change.nested.length > 0) return 'foreign-type';
  if (!attributionsAreOwn(writer.memberId, change)) return 'attribution-not-author';
  const doc = parseDocName(docName);
  if (doc?.kind === 'workspace') return vetWorkspace(writer, change);
  if (doc?.kind === 'project') return vetProject(writer, change);
  return null;
}

function vetWorkspace(writer: Writer, change: AppliedChange): WriteRefusal | null {
  for (const { map, key } of change.keys) {
    if (map === REVIEWS_MAP && !isAdmin(writer.role)) return 'review-not-admin';
    // 催报 speaks for the 项目办: a leader or member cannot send one (nor edit or delete one sent)
    if (map === WORKSPACE_KEYS.reminders && !isAdmin(writer.role)) return 'reminder-not-admin';
    // the 月报 window and whether late filings need approval are the 项目办's rules: a leader may not relax them
    if (map === WORKSPACE_KEYS.campaign && key === 'reports' && !isAdmin(writer.role)) return 'report-rules-not-admin';
    // a registration a member made offline is trusted once 项目办 confirms it; a leader may not confirm it instead
    if (map === WORKSPACE_KEYS.registry && splitKey(key)?.field === 'confirmed' && !isAdmin(writer.role)) return 'confirm-not-admin';
    if (map !== WORKSPACE_KEYS.members) continue;
    const parts = splitKey(key);
    if (parts === null || !MEMBER_RIGHTS_FIELDS.has(parts.field)) continue;
    if (parts.id === writer.memberId) return 'own-rights-field';
    if (!isAdmin(writer.role)) return 'member-rights-field';
  }
  return null;
}

/** The 月报 fields that make a version of a month's report: changing any of them files a new version. */
const REPORT_VERSION_FIELDS = new Set(['figures', 'progress', 'issues', 'revisions']);

/**
 * 月报 versions (更正, 补报): whoever changes a month's figures, texts or earlier versions files a new version, so the
 * same update must set the month's `filed` to the writer (attributionsAreOwn checks it names them): a change can never
 * hide behind the previous filer's name, and the window rule (shared/calc/report-window.ts) judges every version by
 * its own filing. The earlier versions (`revisions`) only grow: a member can add the version they replace, never drop
 * or alter one (the 项目办 may tidy them).
 */
function vetReports(writer: Writer, change: AppliedChange): WriteRefusal | null {
  const filedBy = new Map<string, unknown>();
  for (const { map, key, after } of change.keys) {
    const parts = map === PROJECT_KEYS.reports ? splitKey(key) : null;
    if (parts?.field === 'filed') filedBy.set(parts.id, after);
  }
  for (const { map, key, before, after } of change.keys) {
    if (map !== PROJECT_KEYS.reports) continue;
    const parts = splitKey(key);
    if (parts === null || !REPORT_VERSION_FIELDS.has(parts.field)) continue;
    const filed = filedBy.get(parts.id);
    if (typeof filed !== 'object' || filed === null || (filed as { by?: unknown }).by !== writer.memberId) return 'report-unattributed';
    if (parts.field === 'revisions' && !isAdmin(writer.role) && !keepsEarlier(before, after)) return 'report-history-rewritten';
  }
  return null;
}

/** True when `after` (a list of earlier versions) starts with every entry of `before`, unchanged. */
function keepsEarlier(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before)) return true; // nothing readable was kept before
  if (!Array.isArray(after) || after.length < before.length) return false;
  return before.every((entry, i) => JSON.stringify(entry) === JSON.stringify(after[i]));
}

function vetProject(writer: Writer, change: AppliedChange): WriteRefusal | null {
  const reports = vetReports(writer, change);
  if (reports !== null) return reports;
  if (editsEverything(writer.role)) return null;
  for (const { map, key, before, after } of change.keys) {
    if (map !== PROJECT_KEYS.project || before === undefined || JSON.stringify(before) === JSON.stringify(after)) continue;
    // the creator of a new project names them (the registration is then confirmed by 项目办); changing them is not theirs
    if (PROJECT_CREDIT_FIELDS.has(key)) return 'credit-field';
    if (PROJECT_PLAN_FIELDS.has(key)) return 'plan-figure';
    if (key === PROJECT_ARCHIVE_FIELD) return 'archive-project';
  }
  return null;
}

/**
 * Every attribution (`{by, at}`) the change introduces names the writer. Attributions already there before (an
 * unchanged tick inside a value that changed for another reason) are not the writer's to answer for.
 */
function attributionsAreOwn(memberId: string, change: AppliedChange): boolean {
  // within one record, an attribution may move: a 月报 correction keeps the version it replaces, with its filer, in
  // the report's earlier versions
  const hadByRecord = new Map<string, Set<string>>();
  for (const { map, key, before } of change.keys) {
    const record = recordOf(map, key);
    let had = hadByRecord.get(record);
    if (!had) {
      had = new Set<string>();
      hadByRecord.set(record, had);
    }
    const into = had;
    collectAttributions(before, (by, at) => into.add(`${by}\u0000${at}`));
  }
  for (const { map, key, after } of change.keys) {
    if (after === undefined) continue;
    const had = hadByRecord.get(recordOf(map, key)) ?? new Set<string>();
    let own = true;
    collectAttributions(after, (by, at) => {
      if (by !== memberId && !had.has(`${by}\u0000${at}`)) own = false;
    });
    if (!own) return false;
  }
  // an appended activity entry is the writer's own line; its from/to may quote someone else's tick
  for (const { values } of change.appended) {
    for (const value of values) {
      if (typeof value === 'object' && value !== null && 'by' in value && (value as { by: unknown }).by !== memberId) return false;
    }
  }
  return true;
}

/** The record a key belongs to: `<id>` of a flat collection's `<id>/<field>`, else the whole map (a single record). */
function recordOf(map: string, key: string): string {
  return `${map}\u0000${splitKey(key)?.id ?? ''}`;
}

/** Calls `found` for every object with a `by` member anywhere inside a plain JSON value (depth-limited). */
function collectAttributions(value: unknown, found: (by: unknown, at: unknown) => void, depth = 0): void {
  if (depth > 16 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectAttributions(item, found, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if ('by' in record) found(record.by, record.at);
  for (const inner of Object.values(record)) collectAttributions(inner, found, depth + 1);
}
