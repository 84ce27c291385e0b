import type { ChecklistItem } from '../shared/calc/checklist';
import type { CalendarDate, Locale } from '../shared/schema/common';
import type { Role } from '../shared/schema/member';
import type { EscalationLevel } from '../shared/schema/problem';
import type { Stage } from '../shared/schema/stage';
import type { Light } from '../shared/schema/summary';
import type { ChecklistProjection, ProjectionProject, ProjectionTarget } from './projection-schema';
import type { JoinedWorkspace } from './db';

/**
 * The popup's first read checks its rows with these hand-written parsers instead of the zod schemas in client/db.ts
 * and client/projection-schema.ts: zod (and every schema module) would add ~30 KB gzip to the first paint, and
 * parsing with it takes longer than the read. They accept exactly what those schemas accept and return the same
 * values (unknown keys dropped); tests/client/popup-guards.test.ts holds them to that with generated rows.
 * Only types are imported here, so nothing of zod reaches the bundle.
 */

type Row = Record<string, unknown>;

export function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Membership in a string union; the Record makes a value missing from (or foreign to) the union a compile error. */
function oneOf<T extends string>(values: Record<T, true>): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === 'string' && Object.prototype.hasOwnProperty.call(values, value);
}

const isStage = oneOf<Stage>({ planning: true, signed: true, preparation: true, started: true, completed: true, operating: true, fullProduction: true });
const isRole = oneOf<Role>({ admin: true, leader: true, member: true, observer: true });
const isLight = oneOf<Light>({ red: true, yellow: true, blue: true, green: true });
const isEscalation = oneOf<EscalationLevel>({ assigned: true, reminded: true, supervised: true });
const isItemKind = oneOf<ChecklistItem['kind']>({ milestone: true, problem: true, report: true, target: true });
const isItemState = oneOf<ChecklistItem['state']>({ overdue: true, dueSoon: true, later: true, unfiled: true });
const isScope = oneOf<ProjectionTarget['scope']>({ member: true, unit: true, workspace: true });
export const isLocale = oneOf<Locale>({ 'zh-CN': true, en: true });

const isString = (v: unknown): v is string => typeof v === 'string';
const isFilled = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** zod 4's z.number(): finite numbers only. */
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** zod 4's .int(): safe integers. */
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTimestamp = isCount;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64 && /^[A-Za-z0-9_-]+$/.test(v);
const isMonth = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/** shared/schema/common's CalendarDateSchema: YYYY-MM-DD naming a day that exists. */
function isCalendarDate(v: unknown): v is CalendarDate {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** An optional field: absent (or undefined) passes; present must pass `check`. */
function optional<T>(row: Row, key: string, check: (v: unknown) => v is T): { ok: boolean; value: T | undefined } {
  const v = row[key];
  if (v === undefined) return { ok: true, value: undefined };
  return check(v) ? { ok: true, value: v } : { ok: false, value: undefined };
}

/** `{ [key]: value }` when the optional field is set, `{}` when it is not (zod keeps an explicit undefined; nothing reads it). */
function field<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  const out: { [P in K]?: T } = {};
  if (value !== undefined) out[key] = value;
  return out;
}

function parseItem(v: unknown): ChecklistItem | null {
  if (!isRow(v)) return null;
  const projectId = optional(v, 'projectId', isId);
  const projectName = optional(v, 'projectName', isString);
  const month = optional(v, 'month', isMonth);
  const light = optional(v, 'light', isLight);
  const { kind, recordId, title, due, state, daysOverdue, escalation } = v;
  if (!isItemKind(kind) || !isString(recordId) || !isString(title) || !isCalendarDate(due) || !isItemState(state) || !isCount(daysOverdue)) return null;
  if (!(escalation === null || isEscalation(escalation))) return null;
  if (!projectId.ok || !projectName.ok || !month.ok || !light.ok) return null;
  return {
    kind, recordId, title, due, state, daysOverdue, escalation,
    ...field('projectId', projectId.value), ...field('projectName', projectName.value), ...field('month', month.value), ...field('light', light.value),
  };
}

function parseTarget(v: unknown): ProjectionTarget | null {
  if (!isRow(v)) return null;
  const { targetId, asOf, goal, actual, share, expectedShare, gapPoints, light, forecast, met, title, scope } = v;
  if (!isId(targetId) || !isCalendarDate(asOf) || !isLight(light) || typeof met !== 'boolean' || !isString(title) || !isScope(scope)) return null;
  if (!isNumber(goal) || !isNumber(actual) || !isNumber(share) || !isNumber(expectedShare) || !isNumber(gapPoints) || !isNumber(forecast)) return null;
  return { targetId, asOf, goal, actual, share, expectedShare, gapPoints, light, forecast, met, title, scope };
}

function parseProject(v: unknown): ProjectionProject | null {
  if (!isRow(v)) return null;
  const light = optional(v, 'light', isLight);
  const gapPoints = optional(v, 'gapPoints', isNumber);
  const invalidRecords = optional(v, 'invalidRecords', isCount);
  const { id, name, stage } = v;
  if (!isId(id) || !isString(name) || !isStage(stage) || !light.ok || !gapPoints.ok || !invalidRecords.ok) return null;
  return { id, name, stage, ...field('light', light.value), ...field('gapPoints', gapPoints.value), ...field('invalidRecords', invalidRecords.value) };
}

/** Every element parsed, or null if any does not. */
function parseAll<T>(v: unknown, parse: (x: unknown) => T | null): T[] | null {
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const x of v) {
    const parsed = parse(x);
    if (parsed === null) return null;
    out.push(parsed);
  }
  return out;
}

/** A stored checklist as ChecklistProjectionSchema would accept it, or null. */
export function parseChecklistProjection(row: unknown): ChecklistProjection | null {
  if (!isRow(row)) return null;
  const { key, asOf, memberId, overdue, updatedAt } = row;
  if (!isFilled(key) || !isCalendarDate(asOf) || !isId(memberId) || !isCount(overdue) || !isTimestamp(updatedAt)) return null;
  const items = parseAll(row.items, parseItem);
  const targets = parseAll(row.targets, parseTarget);
  const projects = parseAll(row.projects, parseProject);
  if (!items || !targets || !projects) return null;
  return { key, asOf, memberId, items, overdue, targets, projects, updatedAt };
}

/** A joined workspace as JoinedWorkspaceSchema would accept it, or null. */
export function parseJoinedWorkspace(row: unknown): JoinedWorkspace | null {
  if (!isRow(row)) return null;
  const { key, serverUrl, workspaceId, workspaceName, memberId, memberName, role, token, expiresAt, joinedAt } = row;
  if (!isFilled(key) || !isFilled(serverUrl) || !isId(workspaceId) || !isString(workspaceName) || !isId(memberId) || !isString(memberName)) return null;
  if (!isRole(role) || !isFilled(token) || !isTimestamp(expiresAt) || !isTimestamp(joinedAt)) return null;
  return { key, serverUrl, workspaceId, workspaceName, memberId, memberName, role, token, expiresAt, joinedAt };
}
