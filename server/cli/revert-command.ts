/**
 * `revert <workspaceId> --member <id> [--project <id>] --from <ISO> --to <ISO> [--dry-run] [--json] [--as <adminId>]`
 * (issue #13 "restorable"): undoes what one member changed in a time window, computed from the stored history and
 * written as one new attributed change per project (server/audit/revert-plan.ts). The preview lists each field that
 * will change and each conflict left alone.
 */
import * as Y from 'yjs';
import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import { formatShanghaiTime } from '../../shared/format';
import { describeValue, fieldName, historyNames, personName, recordName } from '../../shared/history/describe-entry';
import { projectDocName, projectDocNamePrefix, workspaceDocName } from '../../shared/model/doc-names';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';
import { readWorkspace } from '../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../shared/schema/common';
import { applyRevert, planRevert, type RevertOutcome, type RevertPlan } from '../audit/revert-plan';
import { loadDoc } from '../bundle/store-bundle';
import { EXIT } from './commands';
import type { CliContext } from './context';

const CLI_AUTHOR = 'cli';

export interface RevertOptions {
  member?: string | undefined;
  project?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  as?: string | undefined;
  'dry-run'?: boolean | undefined;
  json?: boolean | undefined;
}

function say(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.out(t(ctx.locale, key, params));
}

function complain(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.err(t(ctx.locale, key, params));
}

/** An ISO time with a date (a bare date is midnight in Asia/Shanghai); null when it is not one. */
export function parseTime(text: string | undefined): number | null {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : null;
}

interface ProjectResult {
  docName: string;
  projectId: string;
  name: string;
  plan: RevertPlan;
  outcome: RevertOutcome | null;
  update: Uint8Array | null;
}

export async function revertCommand(ctx: CliContext, workspaceId: string, options: RevertOptions, serverRunning: () => Promise<boolean>): Promise<number> {
  if (options.member === undefined || options.member.trim() === '') {
    complain(ctx, 'revert.needMember');
    return EXIT.usage;
  }
  const memberId = options.member.trim();
  const from = parseTime(options.from);
  const to = parseTime(options.to);
  if (from === null || to === null || from > to) {
    complain(ctx, 'revert.badTime');
    return EXIT.usage;
  }
  const workspace = await loadDoc(ctx.store, workspaceDocName(workspaceId));
  if (!workspace) {
    complain(ctx, 'cli.noWorkspace', { id: workspaceId });
    return EXIT.refused;
  }
  const read = readWorkspace(workspace);
  workspace.destroy();
  const members = validValues(read.members);
  const names = historyNames(members, validValues(read.units));
  const locale = ctx.locale;
  const nameCtx = { locale, names };
  const author = options.as ?? CLI_AUTHOR;
  if (options.as !== undefined && !members.some((m) => m.id === options.as && m.role === 'admin' && !m.archived)) {
    complain(ctx, 'revert.notAdmin', { member: options.as, workspace: workspaceId });
    return EXIT.refused;
  }

  let docs: string[];
  if (options.project !== undefined) {
    const projectId = ProjectIdSchema.safeParse(options.project);
    const stored = await ctx.store.listDocuments(projectDocNamePrefix(workspaceId));
    const name = projectId.success ? projectDocName(workspaceId, projectId.data) : null;
    if (name === null || !stored.includes(name)) {
      complain(ctx, 'revert.noProject', { workspace: workspaceId, project: options.project });
      return EXIT.refused;
    }
    docs = [name];
  } else docs = (await ctx.store.listDocuments(projectDocNamePrefix(workspaceId))).sort();

  const dryRun = options['dry-run'] === true;
  if (!dryRun && (await serverRunning())) {
    complain(ctx, 'revert.serverRunning');
    return EXIT.refused;
  }

  const at = ctx.now();
  const results: ProjectResult[] = [];
  for (const docName of docs) {
    const plan = planRevert(docName, await ctx.store.history(docName), { memberId, from, to });
    if (plan.restores.length === 0 && plan.archives.length === 0 && plan.conflicts.length === 0 && plan.kept.length === 0) continue;
    const doc = (await loadDoc(ctx.store, docName)) ?? new Y.Doc();
    const project = readProjectDoc(doc).project;
    const projectId = docName.slice(projectDocNamePrefix(workspaceId).length);
    const name = project.ok ? project.value.name : projectId;
    let outcome: RevertOutcome | null = null;
    let update: Uint8Array | null = null;
    if (plan.restores.length > 0 || plan.archives.length > 0) {
      const before = Y.encodeStateVector(doc);
      outcome = applyRevert(doc, plan, { memberId: author, at });
      const written = Y.encodeStateAsUpdate(doc, before);
      update = written.length > 2 ? written : null;
    }
    doc.destroy();
    results.push({ docName, projectId, name, plan, outcome, update });
  }

  if (!dryRun) for (const result of results) if (result.update) await ctx.store.append(result.docName, result.update, author, at);
  const written = dryRun ? 0 : results.filter((r) => r.update !== null).length;

  if (options.json === true) {
    ctx.out(
      JSON.stringify(
        {
          workspaceId,
          member: memberId,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          dryRun,
          written,
          author,
          projects: results.map(({ projectId, name, plan, outcome }) => ({
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
    return EXIT.ok;
  }

  const who = personName(memberId, nameCtx);
  if (results.length === 0) {
    say(ctx, 'revert.nothing', { member: who });
    return EXIT.ok;
  }
  say(ctx, 'revert.header', { member: who, from: formatShanghaiTime(from), to: formatShanghaiTime(to) });
  let fields = 0;
  let archives = 0;
  let conflicts = 0;
  for (const { name, plan, outcome } of results) {
    say(ctx, 'revert.project', { name });
    const refused = new Set((outcome?.refused ?? []).map((r) => `${r.record.kind}/${r.record.id}`));
    for (const r of plan.restores) {
      if (refused.has(`${r.record.kind}/${r.record.id}`)) continue;
      fields += 1;
      say(ctx, 'revert.restore', {
        record: recordName(r.record, locale),
        field: fieldName(r.record.kind, r.field, locale),
        current: describeValue(r.field, r.current, nameCtx),
        restore: describeValue(r.field, r.restore, nameCtx),
      });
    }
    for (const record of plan.archives) {
      if (refused.has(`${record.kind}/${record.id}`)) continue;
      archives += 1;
      say(ctx, 'revert.archive', { record: recordName(record, locale) });
    }
    for (const c of plan.conflicts) {
      conflicts += 1;
      say(ctx, 'revert.conflict', {
        record: recordName(c.record, locale),
        field: fieldName(c.record.kind, c.field, locale),
        who: personName(c.later.by, nameCtx),
        when: formatShanghaiTime(c.later.at),
        value: describeValue(c.field, c.later.value, nameCtx),
      });
    }
    for (const record of plan.kept) say(ctx, 'revert.kept', { record: recordName(record, locale) });
    for (const r of outcome?.refused ?? []) say(ctx, 'revert.refused', { record: recordName(r.record, locale) });
  }
  say(ctx, 'revert.summary', { fields, archives, conflicts });
  if (dryRun) say(ctx, 'revert.dryRun');
  else say(ctx, 'revert.written', { projects: written, author: author === CLI_AUTHOR ? author : personName(author, nameCtx) });
  return EXIT.ok;
}
