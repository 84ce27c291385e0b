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
  | 'archive-project';

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

function vetProject(writer: Writer, change: AppliedChange): WriteRefusal | null {
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
  for (const { before, after } of change.keys) {
    if (after === undefined) continue;
    const had = new Set<string>();
    collectAttributions(before, (by, at) => had.add(`${by}\u0000${at}`));
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
