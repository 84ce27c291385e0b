/**
 * Checks a bundle before anything is imported: every row on its own (schema), then across rows (duplicate ids,
 * references to units and members that do not exist). Every problem names its row, e.g.
 * `projects[12].project.totalInvestmentWan: 金额不能为负数`.
 */
import { describeFieldErrors, type MessageKey } from '../../shared/i18n';
import { toFieldErrors, type FieldError } from '../../shared/schema/field-errors';
import { ProjectBundleSchema, WorkspaceDataSchema, type ProjectBundle, type WorkspaceData } from '../../shared/schema/bundle';
import { MonthlyReportSeriesSchema } from '../../shared/schema/monthly-report';
import type { Locale } from '../../shared/schema/common';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleEnvelopeSchema, type GuatuBundle } from './bundle-format';
import { err, ok, type Result } from '../../shared/result';

export type BundleCheck = Result<{ bundle: GuatuBundle }, { errors: FieldError[] }>;

/** `milestones.3.title` → `milestones[3].title`: array rows read as rows. */
export function rowPath(...parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .join('.')
    .split('.')
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
}

const issue = (path: string, key: MessageKey, params: Record<string, string | number> = {}): FieldError => ({ path, key, params });

function prefixed(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: rowPath(prefix, e.path) }));
}

function duplicates(ids: readonly string[], pathOf: (index: number) => string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) out.push(issue(pathOf(i), 'bundle.duplicateId', { id }));
    seen.add(id);
  });
  return out;
}

/** References from anywhere in the workspace or a project to units, members and windows that must exist. */
function crossCheck(workspace: WorkspaceData, projects: readonly ProjectBundle[]): FieldError[] {
  const units = new Set(workspace.units.map((u) => u.id));
  const members = new Set(workspace.members.map((m) => m.id));
  const windows = new Set(workspace.campaign.windows.map((w) => w.id));
  const errors: FieldError[] = [];
  const unit = (id: string | null, path: string): void => {
    if (id !== null && !units.has(id)) errors.push(issue(path, 'bundle.unknownUnit', { id }));
  };
  const member = (id: string | null, path: string): void => {
    if (id !== null && !members.has(id)) errors.push(issue(path, 'bundle.unknownMember', { id }));
  };

  errors.push(
    ...duplicates(
      workspace.units.map((u) => u.id),
      (i) => `workspace.units[${i}].id`,
    ),
    ...duplicates(
      workspace.members.map((m) => m.id),
      (i) => `workspace.members[${i}].id`,
    ),
    ...duplicates(
      workspace.targets.map((t) => t.id),
      (i) => `workspace.targets[${i}].id`,
    ),
    ...duplicates(
      workspace.registry.map((r) => r.id),
      (i) => `workspace.registry[${i}].id`,
    ),
    ...duplicates(
      projects.map((p) => p.project.id),
      (i) => `projects[${i}].project.id`,
    ),
  );
  for (const [i, u] of workspace.units.entries()) member(u.headId, `workspace.units[${i}].headId`);
  for (const [i, m] of workspace.members.entries()) unit(m.unitId, `workspace.members[${i}].unitId`);
  workspace.targets.forEach((t, i) => {
    const at = `workspace.targets[${i}]`;
    if (t.scope.kind === 'unit') unit(t.scope.unitId, `${at}.scope.unitId`);
    if (t.scope.kind === 'member') member(t.scope.memberId, `${at}.scope.memberId`);
    if (t.windowId !== null && !windows.has(t.windowId)) errors.push(issue(`${at}.windowId`, 'bundle.unknownWindow', { id: t.windowId }));
  });
  workspace.registry.forEach((r, i) => {
    const at = `workspace.registry[${i}]`;
    unit(r.unitId, `${at}.unitId`);
    member(r.ownerId, `${at}.ownerId`);
    member(r.leaderId, `${at}.leaderId`);
    for (const [k, id] of r.team.entries()) member(id, `${at}.team[${k}]`);
  });

  const registered = new Map(workspace.registry.map((r) => [r.id, r]));
  projects.forEach((bundle, i) => {
    const at = `projects[${i}]`;
    const p = bundle.project;
    const entry = registered.get(p.id);
    if (!entry) errors.push(issue(`${at}.project.id`, 'bundle.notRegistered', { id: p.id }));
    else if (entry.name !== p.name) errors.push(issue(`${at}.project.name`, 'bundle.registryMismatch'));
    unit(p.unitId, `${at}.project.unitId`);
    unit(p.serviceUnitId, `${at}.project.serviceUnitId`);
    unit(p.countyId, `${at}.project.countyId`);
    member(p.leaderId, `${at}.project.leaderId`);
    member(p.ownerId, `${at}.project.ownerId`);
    member(p.attractedById, `${at}.project.attractedById`);
    for (const [k, id] of p.team.entries()) member(id, `${at}.project.team[${k}]`);
    errors.push(
      ...duplicates(
        bundle.milestones.map((m) => m.id),
        (k) => `${at}.milestones[${k}].id`,
      ),
      ...duplicates(
        bundle.problems.map((q) => q.id),
        (k) => `${at}.problems[${k}].id`,
      ),
    );
    bundle.problems.forEach((q, k) => {
      unit(q.departmentId, `${at}.problems[${k}].departmentId`);
      member(q.ownerId, `${at}.problems[${k}].ownerId`);
    });
  });
  return errors;
}

/** A parsed JSON value checked as a bundle; on any error the caller imports nothing. */
export function checkBundle(value: unknown): BundleCheck {
  const envelope = BundleEnvelopeSchema.safeParse(value);
  if (!envelope.success) return err({ errors: toFieldErrors(envelope.error).map((e) => ({ ...e, path: rowPath(e.path) })) });
  const { format, version, workspace, projects } = envelope.data;
  if (format !== BUNDLE_FORMAT) return err({ errors: [issue('format', 'bundle.format')] });
  if (version !== BUNDLE_VERSION) return err({ errors: [issue('version', 'bundle.version')] });

  const errors: FieldError[] = [];
  const ws = WorkspaceDataSchema.safeParse(workspace);
  if (!ws.success) errors.push(...prefixed('workspace', toFieldErrors(ws.error)));
  const rows: ProjectBundle[] = [];
  for (const [i, row] of projects.entries()) {
    const parsed = ProjectBundleSchema.safeParse(row);
    if (!parsed.success) {
      errors.push(...prefixed(`projects.${i}`, toFieldErrors(parsed.error)));
      continue;
    }
    const series = MonthlyReportSeriesSchema.safeParse(parsed.data.reports);
    if (!series.success) {
      errors.push(...prefixed(`projects.${i}.reports`, toFieldErrors(series.error)));
      continue;
    }
    rows.push(parsed.data);
  }
  if (!ws.success || errors.length > 0) return err({ errors });
  const cross = crossCheck(ws.data, rows);
  if (cross.length > 0) return err({ errors: cross });
  return ok({ bundle: { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, workspace: ws.data, projects: rows } });
}

/** The text of a file checked as a bundle. */
export function checkBundleText(text: string): BundleCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err({ errors: [issue('', 'bundle.notJson')] });
  }
  return checkBundle(value);
}

/** Bundle errors as lines a person can act on, in one language. */
export function describeBundleErrors(errors: FieldError[], locale: Locale): string[] {
  return describeFieldErrors(errors, locale);
}
