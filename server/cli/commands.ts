/**
 * The admin CLI's commands. Each returns its exit code: 0 done, 1 refused (bad input, unknown workspace),
 * 3 the audit chain is broken.
 */
import * as Y from 'yjs';
import { describeFieldErrors, t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import { shanghaiDate } from '../../shared/format';
import { toFieldErrors } from '../../shared/schema/field-errors';
import { workspaceDocName } from '../../shared/model/doc-names';
import { readWorkspace } from '../../shared/model/workspace-read';
import { initWorkspace } from '../../shared/model/workspace-write';
import { defaultCampaign } from '../../shared/schema/campaign';
import { CreateInviteInputSchema } from '../auth/invite-input';
import { listWorkspaceIds } from '../app';
import { importBundle, exportBundle, loadDoc, SERVER_AUTHOR } from '../bundle/store-bundle';
import { checkBundleText } from '../bundle/validate-bundle';
import type { CliContext } from './context';

export const EXIT = { ok: 0, refused: 1, usage: 2, tampered: 3 } as const;

const CLI_AUTHOR = 'cli';

function say(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.out(t(ctx.locale, key, params));
}

function complain(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.err(t(ctx.locale, key, params));
}

function until(ctx: CliContext, ms: number): string {
  return t(ctx.locale, 'cli.until', { date: shanghaiDate(ms) });
}

/** What `invite` reads from its options (all strings as typed; the schema decides). */
export interface InviteOptions {
  role?: string;
  member?: string;
  name?: string;
  rank?: string;
  unit?: string;
  hours?: string;
}

export async function createWorkspaceCommand(ctx: CliContext, name: string): Promise<number> {
  const created = await ctx.auth.createWorkspace(name);
  if (!created.ok) {
    complain(ctx, 'cli.invalidName');
    return EXIT.refused;
  }
  const { workspace, invite } = created.created;
  const doc = new Y.Doc();
  const at = ctx.now();
  const year = Number(shanghaiDate(at).slice(0, 4));
  const init = initWorkspace(doc, { id: workspace.id, name: workspace.name, campaign: defaultCampaign(year, workspace.name) }, { memberId: SERVER_AUTHOR, at });
  if (!init.ok) {
    ctx.err(describeFieldErrors(init.errors, ctx.locale).join('\n'));
    return EXIT.refused;
  }
  await ctx.store.append(workspaceDocName(workspace.id), Y.encodeStateAsUpdate(doc), SERVER_AUTHOR, at);
  doc.destroy();
  say(ctx, 'cli.workspaceCreated', { name: workspace.name, id: workspace.id });
  say(ctx, 'cli.adminInvite', { code: invite.code, until: until(ctx, invite.expiresAt) });
  return EXIT.ok;
}

export async function inviteCommand(ctx: CliContext, workspaceId: string, options: InviteOptions): Promise<number> {
  const { member: memberId, name, hours } = options;
  const input = CreateInviteInputSchema.safeParse({
    role: options.role,
    ...(memberId !== undefined ? { memberId } : {}),
    ...(name !== undefined ? { member: { name, rank: options.rank ?? 'staff', unitId: options.unit ?? null } } : {}),
    ...(hours !== undefined ? { expiresInHours: Number(hours) } : {}),
  });
  if (!input.success) {
    ctx.err(describeFieldErrors(toFieldErrors(input.error), ctx.locale).join('\n'));
    return EXIT.refused;
  }
  if (memberId !== undefined) {
    const doc = await loadDoc(ctx.store, workspaceDocName(workspaceId));
    const known = doc ? readWorkspace(doc).members.some((m) => m.ok && m.value.id === memberId) : false;
    doc?.destroy();
    if (!known) {
      complain(ctx, 'cli.noMember', { workspace: workspaceId, member: memberId });
      return EXIT.refused;
    }
  }
  const invite = await ctx.auth.invites.issueInvite(workspaceId, input.data, CLI_AUTHOR);
  if (!invite) {
    complain(ctx, 'cli.noWorkspace', { id: workspaceId });
    return EXIT.refused;
  }
  say(ctx, 'cli.inviteCode', { code: invite.code, role: invite.role, member: invite.memberId, until: until(ctx, invite.expiresAt) });
  return EXIT.ok;
}

export async function revokeCommand(ctx: CliContext, workspaceId: string, memberId: string): Promise<number> {
  if (!(await ctx.accounts.getWorkspace(workspaceId))) {
    complain(ctx, 'cli.noWorkspace', { id: workspaceId });
    return EXIT.refused;
  }
  await ctx.auth.revokeMember(workspaceId, memberId, CLI_AUTHOR);
  say(ctx, 'cli.revoked', { member: memberId });
  // a running server reads stored revocations every ~2 s (server/auth/revocation-watch.ts)
  say(ctx, 'cli.revokedEffect');
  return EXIT.ok;
}

/** The member id of meeting-room displays: revoke it (`revoke <ws> wall`) and every wall address stops working. */
export const WALL_MEMBER_ID = 'wall';

/**
 * The address of the read-only wall display (挂图作战 on the meeting-room screen): the board served by this server,
 * with an observer token in the URL. The token reads everything and writes nothing, whatever its holder sends.
 */
export async function wallCommand(ctx: CliContext, workspaceId: string, baseUrl: string): Promise<number> {
  const issued = (await ctx.accounts.getWorkspace(workspaceId)) ? await ctx.auth.tokens.issue(workspaceId, WALL_MEMBER_ID, 'observer') : null;
  if (!issued) {
    complain(ctx, 'cli.noWorkspace', { id: workspaceId });
    return EXIT.refused;
  }
  const url = `${baseUrl.replace(/\/+$/, '')}/wall/?ws=${encodeURIComponent(workspaceId)}&token=${encodeURIComponent(issued.token)}`;
  say(ctx, 'cli.wallTitle');
  ctx.out(`  ${url}`);
  say(ctx, 'cli.wallValid', { until: until(ctx, issued.expiresAt), workspace: workspaceId, member: WALL_MEMBER_ID });
  return EXIT.ok;
}

export async function importCommand(ctx: CliContext, file: string): Promise<number> {
  let text: string;
  try {
    text = await ctx.readFile(file);
  } catch (error) {
    complain(ctx, 'cli.cannotRead', { file, reason: error instanceof Error ? error.message : String(error) });
    return EXIT.refused;
  }
  const checked = checkBundleText(text);
  if (!checked.ok) {
    complain(ctx, 'cli.nothingImportedCount', { count: checked.errors.length });
    for (const line of describeFieldErrors(checked.errors, ctx.locale)) ctx.err(`  ${line}`);
    return EXIT.refused;
  }
  const imported = await importBundle({ store: ctx.store, accounts: ctx.accounts, now: ctx.now }, checked.bundle);
  if (!imported.ok) {
    complain(ctx, 'cli.nothingImported');
    for (const line of describeFieldErrors(imported.errors, ctx.locale)) ctx.err(`  ${line}`);
    return EXIT.refused;
  }
  const { workspace } = checked.bundle;
  say(ctx, 'cli.imported', { name: workspace.name, id: workspace.id, projects: checked.bundle.projects.length });
  const admin = workspace.members.find((m) => m.role === 'admin' && !m.archived);
  if (admin) {
    const invite = await ctx.auth.invites.issueInvite(workspace.id, { role: 'admin', memberId: admin.id }, CLI_AUTHOR);
    if (invite) say(ctx, 'cli.adminInviteOf', { name: admin.name, code: invite.code, until: until(ctx, invite.expiresAt) });
  }
  return EXIT.ok;
}

export async function exportCommand(ctx: CliContext, workspaceId: string, file: string | undefined): Promise<number> {
  const exported = await exportBundle(ctx.store, workspaceId);
  if (!exported.ok) {
    complain(ctx, exported.reason === 'unknown_workspace' ? 'cli.noWorkspace' : 'cli.workspaceInvalid', { id: workspaceId });
    return EXIT.refused;
  }
  for (const name of exported.skipped) complain(ctx, 'cli.skipped', { name });
  const text = `${JSON.stringify(exported.bundle, null, 2)}\n`;
  if (file) {
    await ctx.writeFile(file, text);
    say(ctx, 'cli.exported', { projects: exported.bundle.projects.length, file });
  } else {
    ctx.out(text.trimEnd());
  }
  return EXIT.ok;
}

export async function verifyCommand(ctx: CliContext): Promise<number> {
  const report = await ctx.store.verify();
  if (report.ok) {
    say(ctx, 'cli.chainIntact', { documents: report.documents, updates: report.updates });
    return EXIT.ok;
  }
  const broken = report.brokenAt;
  complain(ctx, 'cli.chainBroken');
  if (broken) complain(ctx, 'cli.chainBrokenAt', { doc: broken.docName, seq: broken.seq, reason: broken.reason });
  return EXIT.tampered;
}

export async function listCommand(ctx: CliContext): Promise<number> {
  const ids = await listWorkspaceIds(ctx.store);
  if (ids.length === 0) {
    say(ctx, 'cli.noWorkspaces');
    return EXIT.ok;
  }
  for (const id of ids) {
    const doc = await loadDoc(ctx.store, workspaceDocName(id));
    const read = doc ? readWorkspace(doc) : null;
    doc?.destroy();
    const name = read?.meta.ok ? read.meta.value.name : '?';
    const members = read ? read.members.filter((m) => m.ok && !m.value.archived).length : 0;
    const projects = (await ctx.store.listDocuments(`${workspaceDocName(id)}/project/`)).length;
    say(ctx, 'cli.workspaceLine', { id, name, members, projects });
  }
  return EXIT.ok;
}
