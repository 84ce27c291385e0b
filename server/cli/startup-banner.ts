import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import type { Startup } from '../app';

/** "中文 · English" from one catalogue key. */
const both = (key: MessageKey, params?: MessageParams): string => `${t('zh-CN', key, params)} · ${t('en', key, params)}`;
/** "中文 English", for a label in front of a value. */
const label = (key: MessageKey): string => `${t('zh-CN', key)} ${t('en', key)}`;

const ROLE_KEY = {
  admin: 'cli.banner.role.admin',
  leader: 'cli.banner.role.leader',
  member: 'cli.banner.role.member',
  observer: 'cli.banner.role.observer',
} as const satisfies Record<string, MessageKey>;

/** Terminal columns: a CJK character takes two. */
function columns(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

function roleLabel(role: keyof typeof ROLE_KEY): string {
  const zh = t('zh-CN', ROLE_KEY[role]);
  return `${zh}${' '.repeat(Math.max(1, 7 - columns(zh)))}${role.padEnd(8)}`;
}

/**
 * What a person starting the server needs to read, short and in both languages: where it listens, and how to get in
 * (the invite codes of a first start, or how to make a new one).
 */
export function startupBanner(startup: Startup, info: { url: string; host: string; sqlitePath: string }): string {
  const lines = ['', both('cli.banner.running'), `  ${label('cli.banner.address')}: ${info.url}`, `  ${label('cli.banner.dataFile')}: ${info.sqlitePath}`];
  if (info.host === '0.0.0.0' || info.host === '::') lines.push(`  ${both('cli.banner.lan')}`);
  lines.push('');
  switch (startup.kind) {
    case 'demo': {
      lines.push(`${both('cli.banner.demoCreated', { seconds: startup.seconds.toFixed(1) })}:`);
      lines.push(`  ${startup.workspaceName}  [${startup.workspaceId}]  ${both('cli.banner.projects', { count: startup.projects })}`);
      lines.push('');
      lines.push(`${both('cli.banner.invites')}:`);
      for (const invite of startup.invites) {
        const projects = invite.role === 'member' || invite.role === 'leader' ? `  (${both('cli.banner.projects', { count: invite.projects })})` : '';
        lines.push(`  ${roleLabel(invite.role)}  ${invite.code}  ${invite.name}${projects}`);
      }
      lines.push('');
      lines.push(t('zh-CN', 'cli.banner.use'), t('en', 'cli.banner.use'));
      if (startup.wallToken) {
        lines.push('');
        lines.push(`${both('cli.banner.wall')}:`);
        lines.push(`  ${info.url}/wall/?ws=${startup.workspaceId}&token=${startup.wallToken}`);
      }
      break;
    }
    case 'empty':
      lines.push(`${both('cli.banner.noWorkspace')}:  npm run cli -- create-workspace "某某市项目建设年"`);
      break;
    case 'existing':
      lines.push(`${label('cli.banner.workspaces')}:`);
      for (const w of startup.workspaces) lines.push(`  ${w.name}  [${w.id}]`);
      lines.push('');
      lines.push(`${label('cli.banner.newInvite')}:`);
      lines.push('  npm run cli -- invite <workspaceId> --role member --name 张三 --rank staff');
      lines.push(`  npm run cli -- invite <workspaceId> --role admin --member <memberId>   (${both('cli.banner.newDevice')})`);
      lines.push(`${label('cli.banner.wallDisplay')}:  npm run cli -- wall <workspaceId>`);
      break;
  }
  lines.push('');
  return lines.join('\n');
}
