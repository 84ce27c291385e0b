/**
 * The revert command's preview and result in plain words (names, 万元/亿元, Shanghai times), or as JSON: one block per
 * project with each field that changes, each record archived, each conflict left alone and each record kept.
 */
import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import { formatShanghaiTime } from '../../shared/format';
import { describeValue, fieldName, personName, recordName, type DescribeContext } from '../../shared/history/describe-entry';
import type { KeptRecord, RevertOutcome, RevertPlan } from '../audit/revert-plan';
import type { RestoreScope } from '../audit/scope-plan';
import type { CliContext } from './context';

export interface ProjectResult {
  docName: string;
  projectId: string;
  name: string;
  plan: RevertPlan;
  outcome: RevertOutcome | null;
}

export interface RevertReport {
  workspaceId: string;
  scope: RestoreScope;
  dryRun: boolean;
  /** Projects written (0 on a dry run). */
  written: number;
  author: string;
  results: ProjectResult[];
}

const KEPT_KEY: Record<NonNullable<KeptRecord['reason']>, MessageKey> = {
  filedAfter: 'restore.kept.filedAfter',
  correctedAfter: 'restore.kept.correctedAfter',
  createdAfter: 'restore.kept.createdAfter',
};

export function printJson(ctx: CliContext, report: RevertReport): void {
  const { scope } = report;
  const asked =
    scope.kind === 'at'
      ? { project: scope.projectId, at: new Date(scope.at).toISOString() }
      : { member: scope.memberId, from: new Date(scope.from).toISOString(), to: new Date(scope.to).toISOString() };
  ctx.out(
    JSON.stringify(
      {
        workspaceId: report.workspaceId,
        ...asked,
        dryRun: report.dryRun,
        written: report.written,
        author: report.author,
        projects: report.results.map(({ projectId, name, plan, outcome }) => ({
          projectId,
          name,
          restores: plan.restores,
          archives: plan.archives,
          conflicts: plan.conflicts,
          kept: plan.kept,
          refused: outcome?.refused ?? [],
        })),
      },
      null,
      2,
    ),
  );
}

export function printText(ctx: CliContext, report: RevertReport, names: DescribeContext, authorName: string): void {
  const say = (key: MessageKey, params?: MessageParams): void => ctx.out(t(ctx.locale, key, params));
  const { scope, results } = report;
  const locale = ctx.locale;
  if (results.length === 0) {
    if (scope.kind === 'at') say('restore.nothing', { at: formatShanghaiTime(scope.at) });
    else say('revert.nothing', { member: personName(scope.memberId, names) });
    return;
  }
  if (scope.kind === 'at') say('restore.header', { at: formatShanghaiTime(scope.at) });
  else say('revert.header', { member: personName(scope.memberId, names), from: formatShanghaiTime(scope.from), to: formatShanghaiTime(scope.to) });
  let fields = 0;
  let archives = 0;
  let conflicts = 0;
  let kept = 0;
  for (const { name, plan, outcome } of results) {
    say('revert.project', { name });
    const refused = new Set((outcome?.refused ?? []).map((r) => `${r.record.kind}/${r.record.id}`));
    for (const r of plan.restores) {
      if (refused.has(`${r.record.kind}/${r.record.id}`)) continue;
      fields += 1;
      say('revert.restore', {
        record: recordName(r.record, locale),
        field: fieldName(r.record.kind, r.field, locale),
        current: describeValue(r.field, r.current, names),
        restore: describeValue(r.field, r.restore, names),
      });
    }
    for (const record of plan.archives) {
      if (refused.has(`${record.kind}/${record.id}`)) continue;
      archives += 1;
      say(scope.kind === 'at' ? 'restore.archive' : 'revert.archive', { record: recordName(record, locale) });
    }
    for (const c of plan.conflicts) {
      conflicts += 1;
      say('revert.conflict', {
        record: recordName(c.record, locale),
        field: fieldName(c.record.kind, c.field, locale),
        who: personName(c.later.by, names),
        when: formatShanghaiTime(c.later.at),
        value: describeValue(c.field, c.later.value, names),
      });
    }
    for (const record of plan.kept) {
      kept += 1;
      say(record.reason ? KEPT_KEY[record.reason] : 'revert.kept', { record: recordName(record, locale) });
    }
    for (const r of outcome?.refused ?? []) say('revert.refused', { record: recordName(r.record, locale) });
  }
  if (scope.kind === 'at') say('restore.summary', { fields, archives, kept });
  else say('revert.summary', { fields, archives, conflicts });
  if (report.dryRun) say('revert.dryRun');
  else say('revert.written', { projects: report.written, author: authorName });
}
