/**
 * The admin CLI's commands. Each returns its exit code: 0 done, 1 refused (bad input, unknown workspace),
 * 3 the audit chain is broken.
 */
import * as Y from 'yjs';
import { describeFieldErrors } from '../../shared/i18n';
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

function formatExpiry(ms: number): string {
  return `${shanghaiDate(ms)} (Asia/Shanghai)`;
}

export async function createWorkspaceCommand(ctx: CliContext, name: string | undefined): Promise<number> {
  if (!name) return usage(ctx, 'create-workspace <name>');
  const created = await ctx.auth.createWorkspace(name);
  if (!created.ok) {
    ctx.err('名称无效（1–200 个字）· invalid name (1–200 characters)');
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
  ctx.out(`已创建工作区 · workspace created: ${workspace.name}  [${workspace.id}]`);
  ctx.out(`管理员邀请码 · admin invite code: ${invite.code}  (至 until ${formatExpiry(invite.expiresAt)})`);
  return EXIT.ok;
}

export async function inviteCommand(ctx: CliContext, workspaceId: string | undefined, flags: Map<string, string>): Promise<number> {
  if (!workspaceId) return usage(ctx, 'invite <workspaceId> --role admin|leader|member|observer [--member <id> | --name <名字> --rank <rank> --unit <unitId>] [--hours N]');
  const memberId = flags.get('member');
  const name = flags.get('name');
  const hours = flags.get('hours');
  const input = CreateInviteInputSchema.safeParse({
    role: flags.get('role'),
    ...(memberId !== undefined ? { memberId } : {}),
    ...(name !== undefined ? { member: { name, rank: flags.get('rank') ?? 'staff', unitId: flags.get('unit') ?? null } } : {}),
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
      ctx.err(`工作区 ${workspaceId} 没有成员 ${memberId} · no member ${memberId} in workspace ${workspaceId}`);
      return EXIT.refused;
    }
  }
  const invite = await ctx.auth.invites.issueInvite(workspaceId, input.data, CLI_AUTHOR);
  if (!invite) {
    ctx.err(`工作区不存在 · no such workspace: ${workspaceId}`);
    return EXIT.refused;
  }
  ctx.out(`邀请码 · invite code: ${invite.code}  角色 role: ${invite.role}  成员 member: ${invite.memberId}  (至 until ${formatExpiry(invite.expiresAt)})`);
  return EXIT.ok;
}

export async function revokeCommand(ctx: CliContext, workspaceId: string | undefined, memberId: string | undefined): Promise<number> {
  if (!workspaceId || !memberId) return usage(ctx, 'revoke <workspaceId> <memberId>');
  if (!(await ctx.accounts.getWorkspace(workspaceId))) {
    ctx.err(`工作区不存在 · no such workspace: ${workspaceId}`);
    return EXIT.refused;
  }
  await ctx.auth.revokeMember(workspaceId, memberId, CLI_AUTHOR);
  ctx.out(`已收回 ${memberId} 的全部登录凭证 · every token of ${memberId} revoked`);
  ctx.out('新的连接和请求立即被拒绝；正在运行的服务器上已打开的连接在重连时断开。');
  ctx.out('New connections and requests are refused at once; connections already open on a running server end when they reconnect.');
  return EXIT.ok;
}

/** The member id of meeting-room displays: revoke it (`revoke <ws> wall`) and every wall address stops working. */
export const WALL_MEMBER_ID = 'wall';

/**
 * The address of the read-only wall display (挂图作战 on the meeting-room screen): the board served by this server,
 * with an observer token in the URL. The token reads everything and writes nothing, whatever its holder sends.
 */
export async function wallCommand(ctx: CliContext, workspaceId: string | undefined, baseUrl: string): Promise<number> {
  if (!workspaceId) return usage(ctx, 'wall <workspaceId> [--url http://HOST:PORT]');
  if (!(await ctx.accounts.getWorkspace(workspaceId))) {
    ctx.err(`工作区不存在 · no such workspace: ${workspaceId}`);
    return EXIT.refused;
  }
  const issued = await ctx.auth.tokens.issue(workspaceId, WALL_MEMBER_ID, 'observer');
  if (!issued) {
    ctx.err(`工作区不存在 · no such workspace: ${workspaceId}`);
    return EXIT.refused;
  }
  const url = `${baseUrl.replace(/\/+$/, '')}/wall/?ws=${encodeURIComponent(workspaceId)}&token=${encodeURIComponent(issued.token)}`;
  ctx.out('会议室大屏（只读）· read-only wall display:');
  ctx.out(`  ${url}`);
  ctx.out(`有效至 valid until ${formatExpiry(issued.expiresAt)}；收回 revoke: npm run cli -- revoke ${workspaceId} ${WALL_MEMBER_ID}`);
  return EXIT.ok;
}

export async function importCommand(ctx: CliContext, file: string | undefined): Promise<number> {
  if (!file) return usage(ctx, 'import <file.json>');
  let text: string;
  try {
    text = await ctx.readFile(file);
  } catch (error) {
    ctx.err(`无法读取 · cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.refused;
  }
  const checked = checkBundleText(text);
  if (!checked.ok) {
    ctx.err(`未导入任何数据 · nothing imported: ${checked.errors.length} 处错误 errors`);
    for (const line of describeFieldErrors(checked.errors, ctx.locale)) ctx.err(`  ${line}`);
    return EXIT.refused;
  }
  const imported = await importBundle({ store: ctx.store, accounts: ctx.accounts, now: ctx.now }, checked.bundle);
  if (!imported.ok) {
    ctx.err('未导入任何数据 · nothing imported:');
    for (const line of describeFieldErrors(imported.errors, ctx.locale)) ctx.err(`  ${line}`);
    return EXIT.refused;
  }
  const { workspace } = checked.bundle;
  ctx.out(`已导入 · imported: ${workspace.name}  [${workspace.id}]  ${checked.bundle.projects.length} 个项目 projects`);
  const admin = workspace.members.find((m) => m.role === 'admin' && !m.archived);
  if (admin) {
    const invite = await ctx.auth.invites.issueInvite(workspace.id, { role: 'admin', memberId: admin.id }, CLI_AUTHOR);
    if (invite) ctx.out(`管理员 ${admin.name} 的邀请码 · admin invite code: ${invite.code}  (至 until ${formatExpiry(invite.expiresAt)})`);
  }
  return EXIT.ok;
}

export async function exportCommand(ctx: CliContext, workspaceId: string | undefined, file: string | undefined): Promise<number> {
  if (!workspaceId) return usage(ctx, 'export <workspaceId> [file]');
  const exported = await exportBundle(ctx.store, workspaceId);
  if (!exported.ok) {
    ctx.err(exported.reason === 'unknown_workspace' ? `工作区不存在 · no such workspace: ${workspaceId}` : `工作区文档无法读取 · the workspace document does not validate: ${workspaceId}`);
    return EXIT.refused;
  }
  for (const name of exported.skipped) ctx.err(`跳过（项目记录无效）· skipped (invalid project record): ${name}`);
  const text = JSON.stringify(exported.bundle, null, 2) + '\n';
  if (file) {
    await ctx.writeFile(file, text);
    ctx.out(`已导出 · exported ${exported.bundle.projects.length} 个项目 projects → ${file}`);
  } else {
    ctx.out(text.trimEnd());
  }
  return EXIT.ok;
}

export async function verifyCommand(ctx: CliContext): Promise<number> {
  const report = await ctx.store.verify();
  if (report.ok) {
    ctx.out(`审计链完好 · audit chain intact: ${report.documents} 个文档 documents, ${report.updates} 条更新 updates`);
    return EXIT.ok;
  }
  const broken = report.brokenAt;
  ctx.err('审计链被篡改 · AUDIT CHAIN BROKEN');
  if (broken) ctx.err(`  文档 document: ${broken.docName}  序号 seq: ${broken.seq}  原因 reason: ${broken.reason}`);
  return EXIT.tampered;
}

export async function listCommand(ctx: CliContext): Promise<number> {
  const ids = await listWorkspaceIds(ctx.store);
  if (ids.length === 0) {
    ctx.out('还没有工作区 · no workspaces');
    return EXIT.ok;
  }
  for (const id of ids) {
    const doc = await loadDoc(ctx.store, workspaceDocName(id));
    const read = doc ? readWorkspace(doc) : null;
    doc?.destroy();
    const name = read?.meta.ok ? read.meta.value.name : '?';
    const members = read ? read.members.filter((m) => m.ok && !m.value.archived).length : 0;
    const projects = (await ctx.store.listDocuments(`${workspaceDocName(id)}/project/`)).length;
    ctx.out(`${id}  ${name}  成员 members: ${members}  项目 projects: ${projects}`);
  }
  return EXIT.ok;
}

function usage(ctx: CliContext, text: string): number {
  ctx.err(`用法 usage: npm run cli -- ${text}`);
  return EXIT.usage;
}

