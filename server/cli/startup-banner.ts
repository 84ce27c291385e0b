import type { Startup } from '../app';

const ROLE_LABEL = { admin: '管理员 admin   ', leader: '领导   leader  ', member: '成员   member  ', observer: '督查   observer' } as const;

/**
 * What a person starting the server needs to read, short and bilingual: where it listens, and how to get in
 * (the invite codes of a first start, or how to make a new one).
 */
export function startupBanner(startup: Startup, info: { url: string; host: string; sqlitePath: string }): string {
  const lines = [
    '',
    '挂图作战 Guatu 同步服务器已启动 · sync server running',
    `  服务器地址 Server address: ${info.url}`,
    `  数据文件   Data file:      ${info.sqlitePath}`,
  ];
  if (info.host === '0.0.0.0' || info.host === '::') {
    lines.push('  已对局域网开放：在扩展里填写本机的局域网地址 · open to the LAN: use this machine\'s LAN address');
  }
  lines.push('');
  switch (startup.kind) {
    case 'demo': {
      lines.push(`首次启动，已创建演示工作区 · first start, demo workspace created (${startup.seconds.toFixed(1)} s):`);
      lines.push(`  ${startup.workspaceName}  [${startup.workspaceId}]  ${startup.projects} 个项目 projects`);
      lines.push('');
      lines.push('邀请码（一次性，7 天内有效）· one-time invite codes, valid 7 days:');
      for (const invite of startup.invites) {
        const projects = invite.role === 'member' || invite.role === 'leader' ? `  (${invite.projects} 个项目 projects)` : '';
        lines.push(`  ${ROLE_LABEL[invite.role]}  ${invite.code}  ${invite.name}${projects}`);
      }
      lines.push('');
      lines.push('使用：扩展“选项”页 → 填写服务器地址和邀请码 → 加入');
      lines.push('Use: extension options page → server address + invite code → Join');
      if (startup.wallToken) {
        lines.push('');
        lines.push('会议室大屏（只读）· read-only wall display:');
        lines.push(`  ${info.url}/wall/?ws=${startup.workspaceId}&token=${startup.wallToken}`);
      }
      break;
    }
    case 'empty':
      lines.push('还没有工作区 · no workspace yet:  npm run cli -- create-workspace "某某市项目建设年"');
      break;
    case 'existing':
      lines.push('工作区 Workspaces:');
      for (const w of startup.workspaces) lines.push(`  ${w.name}  [${w.id}]`);
      lines.push('');
      lines.push('新邀请码 New invite code:');
      lines.push('  npm run cli -- invite <workspaceId> --role member --name 张三 --rank staff');
      lines.push('  npm run cli -- invite <workspaceId> --role admin --member <memberId>   (新设备 a new device)');
      lines.push('会议室大屏 Wall display:  npm run cli -- wall <workspaceId>');
      break;
  }
  lines.push('');
  return lines.join('\n');
}
