import { describe, expect, it } from 'vitest';
import type { Startup } from '../../../server/app';
import { startupBanner } from '../../../server/cli/startup-banner';

const INFO = { url: 'http://192.168.1.20:8787', host: '0.0.0.0', sqlitePath: 'data/guatu.sqlite' };
const DEMO: Startup = {
  kind: 'demo',
  workspaceId: 'linjiang-2026',
  workspaceName: '临江市2026年项目建设年',
  projects: 1000,
  seconds: 3.21,
  invites: [
    { role: 'admin', memberId: 'm-admin', name: '周敏', projects: 0, code: 'ABCD2345', expiresAt: 0 },
    { role: 'member', memberId: 'm-li', name: '李娜', projects: 3, code: 'JKLM2345', expiresAt: 0 },
  ],
  wallToken: 'tok',
};

describe('the startup banner', () => {
  it('prints, in both languages, what people type and what the scripts read (address, workspace, codes)', () => {
    const banner = startupBanner(DEMO, INFO);
    // scripts/bench/sync/guatu-process.ts and storm-fixture.ts read these two
    expect(banner).toMatch(/Server address:\s*http:\/\/192\.168\.1\.20:8787/);
    expect(/\[([a-z0-9-]+)\]\s+\d+ 个项目/.exec(banner)?.[1]).toBe('linjiang-2026');
    expect(banner).toContain('  管理员 admin     ABCD2345  周敏\n');
    expect(banner).toContain('  成员   member    JKLM2345  李娜  (3 个项目 · 3 projects)\n');
    expect(banner).toContain('已对局域网开放');
    expect(banner).toContain("open to the LAN: use this machine's LAN address");
    expect(banner).toContain('http://192.168.1.20:8787/wall/?ws=linjiang-2026&token=tok');
  });

  it('says how to make a workspace or an invite when it seeded nothing', () => {
    expect(startupBanner({ kind: 'empty' }, INFO)).toContain('还没有工作区 · no workspace yet:  npm run cli -- create-workspace');
    const existing = startupBanner({ kind: 'existing', workspaces: [{ id: 'ws-1', name: '临江市' }] }, INFO);
    expect(existing).toContain('  临江市  [ws-1]');
    expect(existing).toContain('npm run cli -- invite <workspaceId> --role admin --member <memberId>   (新设备 · a new device)');
  });
});
