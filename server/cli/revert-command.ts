/**
 * `revert <workspaceId> --member <id> [--project <id>] --from <ISO> --to <ISO> [--dry-run] [--json] [--as <adminId>]`
 * and `revert <workspaceId> --project <id> --at <ISO> …` (issue #13 "restorable"): undoes what one member changed in a
 * time window, or restores one project to its state at a time, computed from the stored history and written as one new
 * attributed change per project (server/audit/scope-plan.ts). The preview lists each field that will change, each
 * conflict left alone and each 月报 kept (revert-output.ts).
 */
import * as Y from 'yjs';
import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import { historyNames, personName } from '../../shared/history/describe-entry';
import { workspaceDocName } from '../../shared/model/doc-names';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';
import { readWorkspace } from '../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../shared/schema/common';
import { applyRevert, type RevertOutcome } from '../audit/revert-plan';
import { parseTime, planScope, planWrites, type RestoreScope } from '../audit/scope-plan';
import { loadDoc } from '../bundle/store-bundle';
import { EXIT } from './commands';
import type { CliContext } from './context';
import { printJson, printText, type ProjectResult } from './revert-output';

const CLI_AUTHOR = 'cli';

export interface RevertOptions {
  member?: string | undefined;
  project?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  at?: string | undefined;
  as?: string | undefined;
  'dry-run'?: boolean | undefined;
  json?: boolean | undefined;
}

function complain(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.err(t(ctx.locale, key, params));
}

/** The scope the options ask for, or the message that says what is wrong with them. */
function scopeOf(options: RevertOptions): { scope: RestoreScope } | { problem: MessageKey } {
  const project = options.project === undefined ? null : ProjectIdSchema.safeParse(options.project);
  if (options.at !== undefined) {
    if (project === null || options.member !== undefined || options.from !== undefined || options.to !== undefined) return { problem: 'restore.badScope' };
    const at = parseTime(options.at);
    if (at === null) return { problem: 'restore.badAt' };
    if (!project.success) return { problem: 'revert.noProject' };
    return { scope: { kind: 'at', projectId: project.data, at } };
  }
  if (options.member === undefined || options.member.trim() === '') return { problem: 'revert.needMember' };
  const from = parseTime(options.from);
  const to = parseTime(options.to);
  if (from === null || to === null || from > to) return { problem: 'revert.badTime' };
  if (project !== null && !project.success) return { problem: 'revert.noProject' };
  return { scope: { kind: 'member', memberId: options.member.trim(), from, to, projectId: project?.data ?? null } };
}

export async function revertCommand(ctx: CliContext, workspaceId: string, options: RevertOptions, serverRunning: () => Promise<boolean>): Promise<number> {
  const asked = scopeOf(options);
  if ('problem' in asked) {
    const refused = asked.problem === 'revert.noProject';
    complain(ctx, asked.problem, { workspace: workspaceId, project: options.project ?? '' });
    return refused ? EXIT.refused : EXIT.usage;
  }
  const { scope } = asked;
  const workspace = await loadDoc(ctx.store, workspaceDocName(workspaceId));
  if (!workspace) {
    complain(ctx, 'cli.noWorkspace', { id: workspaceId });
    return EXIT.refused;
  }
  const read = readWorkspace(workspace);
  workspace.destroy();
  const members = validValues(read.members);
  const names = { locale: ctx.locale, names: historyNames(members, validValues(read.units)) };
  const author = options.as ?? CLI_AUTHOR;
  if (options.as !== undefined && !members.some((m) => m.id === options.as && m.role === 'admin' && !m.archived)) {
    complain(ctx, 'revert.notAdmin', { member: options.as, workspace: workspaceId });
    return EXIT.refused;
  }

  const planned = await planScope(ctx.store, workspaceId, scope);
  if (!planned.ok) {
    complain(ctx, 'revert.noProject', { workspace: workspaceId, project: options.project ?? '' });
    return EXIT.refused;
  }
  const dryRun = options['dry-run'] === true;
  if (!dryRun && (await serverRunning())) {
    complain(ctx, 'revert.serverRunning');
    return EXIT.refused;
  }

  const at = ctx.now();
  const results: ProjectResult[] = [];
  const updates: Array<{ docName: string; update: Uint8Array }> = [];
  for (const { docName, projectId, plan } of planned.projects) {
    const doc = (await loadDoc(ctx.store, docName)) ?? new Y.Doc();
    const project = readProjectDoc(doc).project;
    let outcome: RevertOutcome | null = null;
    if (planWrites(plan)) {
      const before = Y.encodeStateVector(doc);
      outcome = applyRevert(doc, plan, { memberId: author, at });
      const written = Y.encodeStateAsUpdate(doc, before);
      if (written.length > 2) updates.push({ docName, update: written });
    }
    doc.destroy();
    results.push({ docName, projectId, name: project.ok ? project.value.name : projectId, plan, outcome });
  }

  if (!dryRun) for (const { docName, update } of updates) await ctx.store.append(docName, update, author, at);
  const report = { workspaceId, scope, dryRun, written: dryRun ? 0 : updates.length, author, results };
  if (options.json === true) printJson(ctx, report);
  else printText(ctx, report, names, author === CLI_AUTHOR ? author : personName(author, names));
  return EXIT.ok;
}
