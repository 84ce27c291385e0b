/**
 * What a client may change inside a document it may write (SPEC §5: a member can never raise their own rights;
 * attribution written by a client must be its own). The rights table decides whether a connection writes at all;
 * these rules look at what one accepted update changed, key by key.
 */
import * as Y from 'yjs';
import { ACTIVITY_PROTECTED } from '../../shared/model/activity';
import { parseDocName } from '../../shared/model/doc-names';
import { PROJECT_KEYS, WORKSPACE_KEYS } from '../../shared/model/keys';
import { answersForProblem, canConfirmClosure, isAssigned, isInspector, type WorkspaceView } from '../../shared/rights';
import type { Role } from '../../shared/schema/member';
import type { AppliedChange, KeyChange } from '../sync/applied-change';

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
  | 'report-rules-not-admin'
  /** who confirms 销号 (the campaign's `problemClosure`), or who answers for a project's problems (derived), set by a non-admin */
  | 'closure-not-admin'
  /** a member not on the project wrote something other than the problems they answer for */
  | 'not-assigned'
  /** progress or status of a problem by someone who does not answer for it */
  | 'problem-not-answerable'
  /** a problem's level set by hand by someone other than 项目办 or a leader (also on a new problem) */
  | 'escalate-not-office'
  /** a problem's 责任部门, 责任人, deadline, archive flag or raising record changed by someone other than 项目办 or a leader */
  | 'problem-duty'
  /** a problem's status, request or closing record written in a way the 销号 loop does not allow */
  | 'problem-state'
  /** 销号 requested by someone who does not answer for the problem */
  | 'close-request-not-responsible'
  /** closed without a 销号 request to confirm */
  | 'close-not-requested'
  /** a 销号 request confirmed or sent back by someone who may not (not 项目办/督查, or the requester) */
  | 'close-confirm-refused'
  /** an entry among the newest ACTIVITY_PROTECTED of the activity stream deleted (the window's trim deletes only older ones) */
  | 'activity-recent-removed';

export interface Writer {
  memberId: string;
  /** The role that counts now (workspace document over token); null for an archived member. */
  role: Role | null;
}

/** Member fields that carry rights: only 项目办 (admin) changes them, and never their own (督查 confirms 销号). */
const MEMBER_RIGHTS_FIELDS = new Set(['role', 'archived', 'inspector']);
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

/** What some rules read besides the change: the workspace's rights view and the document as it is with the change. */
export interface WriteContext {
  view: WorkspaceView;
  doc: Y.Doc;
}

/** Without a workspace document: nobody listed, nothing registered, no units; an empty project document. */
const NO_CONTEXT: WriteContext = { view: { members: [], registry: [] }, doc: new Y.Doc() };

/** The first refused change of `change` in document `docName` written by `writer`, or null when all of it may stand. */
export function vetWrite(writer: Writer, docName: string, change: AppliedChange, context: WriteContext = NO_CONTEXT): WriteRefusal | null {
  if (change.nested.length > 0) return 'foreign-type';
  if (!attributionsAreOwn(writer.memberId, change)) return 'attribution-not-author';
  const doc = parseDocName(docName);
  if (doc?.kind === 'workspace') return vetWorkspace(writer, change);
  if (doc?.kind === 'project') return vetProject(writer, doc.projectId, change, context);
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
    // who confirms 销号 is the 项目办's setting; who answers for a project's problems is the server's derivation
    if (map === WORKSPACE_KEYS.campaign && key === 'problemClosure' && !isAdmin(writer.role)) return 'closure-not-admin';
    if (map === WORKSPACE_KEYS.registry && splitKey(key)?.field === 'problemParties' && !isAdmin(writer.role)) return 'closure-not-admin';
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

/**
 * The document's activity stream keeps its newest ACTIVITY_WINDOW entries (shared/model/activity.ts): whoever appends
 * deletes the oldest beyond them. A deletion is accepted only when at least ACTIVITY_PROTECTED entries follow every
 * deleted one once the update applied, so nobody (an admin neither) can empty the recent activity the board shows
 * offline. Honest trims pass: each deleted entry had ACTIVITY_WINDOW after it in the writer's replica, and the server
 * holds all but at most the gap between the two of those (what it has not received yet).
 */
function vetActivityTrim(change: AppliedChange): WriteRefusal | null {
  for (const removal of change.removed) {
    if (removal.array === PROJECT_KEYS.activity && removal.fewestLater < ACTIVITY_PROTECTED) return 'activity-recent-removed';
  }
  return null;
}

function vetProject(writer: Writer, projectId: string, change: AppliedChange, context: WriteContext): WriteRefusal | null {
  const trim = vetActivityTrim(change);
  if (trim !== null) return trim;
  const reports = vetReports(writer, change);
  if (reports !== null) return reports;
  const everything = editsEverything(writer.role);
  const entry = context.view.registry.find((p) => p.id === projectId);
  // a project not registered yet is its creator's (the server registers it on first sync); observers only read
  const assigned = everything || (writer.role !== 'observer' && (entry === undefined || isAssigned(writer.memberId, entry)));
  const problems = new ProblemsInChange(change, context.doc);
  for (const keyChange of change.keys) {
    const { map, key, before, after } = keyChange;
    if (map === PROJECT_KEYS.problems) {
      const refused = vetProblemKey(writer, { everything, assigned, projectOwnerId: entry?.ownerId ?? null }, keyChange, problems, context);
      if (refused !== null) return refused;
      continue;
    }
    if (!assigned) {
      // every model edit stamps the project's `updated` with its author (the attribution rule checked it is theirs)
      if (map === PROJECT_KEYS.project && key === 'updated') continue;
      return 'not-assigned';
    }
    if (everything || map !== PROJECT_KEYS.project || before === undefined || JSON.stringify(before) === JSON.stringify(after)) continue;
    // the creator of a new project names them (the registration is then confirmed by 项目办); changing them is not theirs
    if (PROJECT_CREDIT_FIELDS.has(key)) return 'credit-field';
    if (PROJECT_PLAN_FIELDS.has(key)) return 'plan-figure';
    if (key === PROJECT_ARCHIVE_FIELD) return 'archive-project';
  }
  // their activity lines (attributed to them, checked above) go with their edits; nothing else is appended
  if (!assigned && change.appended.some((a) => a.array !== PROJECT_KEYS.activity)) return 'not-assigned';
  return null;
}

/** Which problems a change touches and whether each existed before it (from the document as it is with the change). */
class ProblemsInChange {
  private readonly touchedKeys = new Map<string, KeyChange>();
  private readonly existed = new Map<string, boolean>();
  private readonly map: Y.Map<unknown>;

  constructor(change: AppliedChange, doc: Y.Doc) {
    this.map = doc.getMap(PROJECT_KEYS.problems);
    for (const keyChange of change.keys) if (keyChange.map === PROJECT_KEYS.problems) this.touchedKeys.set(keyChange.key, keyChange);
  }

  /** True when the problem had any key before this change. */
  existedBefore(problemId: string): boolean {
    let known = this.existed.get(problemId);
    if (known === undefined) {
      known = false;
      const prefix = `${problemId}/`;
      for (const key of this.map.keys()) {
        if (!key.startsWith(prefix)) continue;
        const touched = this.touchedKeys.get(key);
        if (touched === undefined || touched.before !== undefined) {
          known = true;
          break;
        }
      }
      // a key the change deleted existed before it
      for (const [key, touched] of this.touchedKeys) if (key.startsWith(prefix) && touched.before !== undefined) known = true;
      this.existed.set(problemId, known);
    }
    return known;
  }

  /** A field of the problem as it is with the change. */
  field(problemId: string, field: string): unknown {
    return this.map.get(`${problemId}/${field}`);
  }
}

interface ProjectStanding {
  everything: boolean;
  assigned: boolean;
  projectOwnerId: string | null;
}

const asId = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Problem fields only 项目办 or a leader changes once the problem exists. */
const PROBLEM_DUTY_FIELDS = new Set(['ownerId', 'departmentId', 'deadline', 'archived', 'raised']);

/**
 * The 问题清单's closed loop (SPEC §3): whoever answers for a problem (its 责任人, or the head of its 责任部门) reports
 * progress and requests 销号; only 项目办/leaders escalate by hand or change who answers and by when; 销号 is confirmed by
 * 项目办 (or 督查, as the campaign says), never by the member who requested it.
 */
function vetProblemKey(
  writer: Writer,
  standing: ProjectStanding,
  keyChange: KeyChange,
  problems: ProblemsInChange,
  context: WriteContext,
): WriteRefusal | null {
  const { before, after } = keyChange;
  const parts = splitKey(keyChange.key);
  if (parts === null) return standing.assigned ? null : 'not-assigned';
  const { id, field } = parts;
  if (!problems.existedBefore(id)) {
    // raising a problem is for the project's people; it starts open, at 交办, with nothing requested or closed
    if (!standing.assigned) return 'not-assigned';
    if (standing.everything) return null;
    if (field === 'escalation' && after !== 'assigned') return 'escalate-not-office';
    if (field === 'state' && !isFreshState(after)) return 'problem-state';
    if (field === 'progress' && after !== null && after !== undefined) return 'problem-state';
    return null;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  const duty = { ownerId: asId(problems.field(id, 'ownerId')), departmentId: asId(problems.field(id, 'departmentId')) };
  const answers = answersForProblem(writer.memberId, duty, context.view.units, standing.projectOwnerId);
  switch (field) {
    case 'progress':
      return answers ? null : 'problem-not-answerable';
    case 'escalation':
      return standing.everything ? null : 'escalate-not-office';
    case 'state': {
      const confirmer = canConfirmClosure(writer.role, isInspector(writer.memberId, context.view), context.view.problemClosure);
      return vetTransition(writer, stateOf(before), stateOf(after), { answers, confirmer, everything: standing.everything });
    }
    default:
      if (PROBLEM_DUTY_FIELDS.has(field)) return standing.everything ? null : 'problem-duty';
      return standing.assigned || answers ? null : 'not-assigned';
  }
}

interface LoopState {
  status: unknown;
  resolution: { by?: unknown } | null;
  request: { by?: unknown } | null;
  returned: { by?: unknown } | null;
}

function objectOrNull(value: unknown): { by?: unknown } | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { by?: unknown }) : null;
}

function stateOf(value: unknown): LoopState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  return { status: raw.status, resolution: objectOrNull(raw.resolution), request: objectOrNull(raw.request), returned: objectOrNull(raw.returned) };
}

function isFreshState(value: unknown): boolean {
  const state = stateOf(value);
  return state !== null && state.status === 'open' && state.resolution === null && state.request === null;
}

const WORKING = new Set<unknown>(['open', 'inProgress']);

function vetTransition(
  writer: Writer,
  before: LoopState | null,
  after: LoopState | null,
  may: { answers: boolean; confirmer: boolean; everything: boolean },
): WriteRefusal | null {
  if (after === null) return 'problem-state';
  const from = before?.status ?? 'open';
  const to = after.status;
  if (to === 'resolved') {
    if (from !== 'closeRequested') return 'close-not-requested';
    const requester = before?.request?.by;
    if (!may.confirmer || requester === writer.memberId) return 'close-confirm-refused';
    // the confirmation is the confirmer's, and the request it confirms stays as it was
    if (after.resolution?.by !== writer.memberId || JSON.stringify(after.request) !== JSON.stringify(before?.request ?? null)) return 'problem-state';
    return null;
  }
  if (to === 'closeRequested') {
    if (!WORKING.has(from)) return 'problem-state';
    if (!may.answers) return 'close-request-not-responsible';
    return after.request?.by === writer.memberId && after.resolution === null ? null : 'problem-state';
  }
  if (!WORKING.has(to) || after.request !== null || after.resolution !== null) return 'problem-state';
  if (from === 'closeRequested') {
    // sent back by the confirmer (with their reason), or withdrawn by the requester
    const requester = before?.request?.by;
    if (requester === writer.memberId) return null;
    if (!may.confirmer) return 'close-confirm-refused';
    return after.returned?.by === writer.memberId ? null : 'problem-state';
  }
  if (from === 'resolved') return may.confirmer || may.everything ? null : 'problem-state';
  if (!WORKING.has(from)) return 'problem-state';
  // open ↔ in progress: the returned note, if any, stays as it was
  if (JSON.stringify(after.returned) !== JSON.stringify(before?.returned ?? null) && after.returned !== null) return 'problem-state';
  return may.answers || may.everything ? null : 'problem-not-answerable';
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
