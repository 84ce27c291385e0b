import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalBundle } from '../../../server/bundle/bundle-format';
import { runCliInMemory } from './in-memory-cli';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { testConfig, exampleBundle, exampleBundleText } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';

const NOON_MARCH_31 = Date.UTC(2026, 2, 31, 4, 0, 0);
let dir: string;
let remove: () => void;
let files: Map<string, string>;

beforeEach(() => {
  ({ dir, remove } = makeTempDir('cli'));
  files = new Map();
});
afterEach(() => remove());

/** Runs one command in-process against the temp DATA_DIR; files live in a map. */
function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCliInMemory(testConfig(dir), () => NOON_MARCH_31, files, argv);
}

async function storedDocuments(): Promise<string[]> {
  const store = openSqliteStore({ path: join(dir, 'guatu.sqlite') });
  try {
    return await store.listDocuments();
  } finally {
    await store.close();
  }
}

describe('import', () => {
  it('with one bad row imports nothing and names the row', async () => {
    const bad = structuredClone(exampleBundle());
    bad.projects[1]!.project.totalInvestmentWan = -5;
    files.set('bad.json', JSON.stringify(bad));
    const result = await cli('import', 'bad.json');
    expect(result.code).toBe(1);
    expect(result.err).toContain('未导入任何数据');
    expect(result.err).toContain('projects[1].project.totalInvestmentWan: 金额不能为负数');
    expect(await storedDocuments()).toEqual([]);
  });

  it('imports the documented example, prints an admin invite, and exports it back equal', async () => {
    files.set('example.json', exampleBundleText());
    const imported = await cli('import', 'example.json');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('安平县2026年项目建设年  [anping-2026]  2 个项目');
    expect(imported.out).toMatch(/管理员 周敏 的邀请码：[2-9A-HJ-NP-Z]{8} {2}有效至 2026-04-07（北京时间）/);

    expect((await cli('export', 'anping-2026', 'out.json')).code).toBe(0);
    expect(JSON.parse(files.get('out.json') ?? '')).toEqual(canonicalBundle(exampleBundle()));
    expect((await cli('list')).out).toBe('anping-2026  安平县2026年项目建设年  成员：3  项目：2');
    expect((await cli('list', '--lang', 'en')).out).toBe('anping-2026  安平县2026年项目建设年  members: 3  projects: 2');
  });
});

describe('workspaces and invites', () => {
  it('creates a workspace with an admin invite, invites a new person, refuses an unknown role', async () => {
    const created = await cli('create-workspace', '临江市2026年项目建设年');
    expect(created.code).toBe(0);
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(created.out)?.[1] ?? '';
    expect(created.out).toMatch(/管理员邀请码：[2-9A-HJ-NP-Z]{8}/);
    expect((await cli('list')).out).toBe(`${id}  临江市2026年项目建设年  成员：0  项目：0`);

    const invited = await cli('invite', id, '--role', 'member', '--name', '张三', '--rank', 'section');
    expect(invited.code).toBe(0);
    expect(invited.out).toMatch(/邀请码：[2-9A-HJ-NP-Z]{8} {2}角色：member/);
    const english = await cli('invite', id, '--role', 'leader', '--name=李四', '--lang', 'en');
    expect(english).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Invite code: [2-9A-HJ-NP-Z]{8} {2}role: leader {2}member: \S+ {2}valid until 2026-04-07 \(Asia\/Shanghai\)$/),
    });
    expect(await cli('invite', id, '--role', 'boss', '--name', '张三')).toMatchObject({ code: 1, err: 'role: 未知的角色' });
    expect(await cli('invite', id, '--role', 'member', '--member', 'ghost')).toMatchObject({ code: 1 });
    expect(await cli('invite', 'no-such-ws', '--role', 'member', '--name', '张三')).toMatchObject({ code: 1, err: '工作区不存在：no-such-ws' });
    expect(await cli('invite', 'no-such-ws', '--role', 'member', '--name', '张三', '--lang', 'en')).toMatchObject({
      code: 1,
      err: 'No such workspace: no-such-ws',
    });
    expect(await cli('revoke', id, 'someone')).toMatchObject({ code: 0 });
  });

  it('prints a wall-display address whose token reads the workspace and nothing else', async () => {
    const created = await cli('create-workspace', '临江市2026年项目建设年');
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(created.out)?.[1] ?? '';
    const wall = await cli('wall', id, '--url', 'http://192.168.1.20:8787/');
    expect(wall.code).toBe(0);
    const url = new URL(/http:\/\/\S+/.exec(wall.out)?.[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('http://192.168.1.20:8787/wall/');
    expect(url.searchParams.get('ws')).toBe(id);
    const { openCliContext } = await import('../../../server/cli/context');
    const ctx = await openCliContext(
      testConfig(dir),
      { now: () => NOON_MARCH_31, out() {}, err() {}, readFile: async () => '', writeFile: async () => {} },
      'zh-CN',
    );
    try {
      const verified = await ctx.auth.tokens.verify(url.searchParams.get('token'));
      expect(verified).toMatchObject({ ok: true, principal: { workspaceId: id, memberId: 'wall', role: 'observer' } });
    } finally {
      await ctx.close();
    }
    expect(await cli('wall', 'no-such-ws')).toMatchObject({ code: 1 });
  });
});

describe('usage', () => {
  it('explains itself on no command (exit 2), on --help, -h and help (exit 0), in either language', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.err).toContain('命令：');
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const help = await cli(...argv);
      expect(help.code).toBe(0);
      for (const name of ['create-workspace', 'invite', 'revoke', 'wall', 'import', 'export', 'verify', 'list'])
        expect(help.out).toContain(`npm run cli -- ${name}`);
    }
    expect((await cli('--help', '--lang', 'en')).out).toContain('Commands:');
  });

  it('gives every command its own --help, without touching DATA_DIR', async () => {
    const invite = await cli('invite', '--help');
    expect(invite.code).toBe(0);
    expect(invite.out).toContain('用法：npm run cli -- invite <workspaceId> [options]');
    expect(invite.out).toMatch(/--role <role> +角色：admin/);
    expect((await cli('help', 'wall', '--lang', 'en')).out).toMatch(/--url <http:\/\/HOST:PORT> +The address people use/);
    for (const name of ['create-workspace', 'revoke', 'import', 'export', 'verify', 'list']) {
      expect(await cli(name, '--help')).toMatchObject({ code: 0, out: expect.stringContaining(`npm run cli -- ${name}`) });
    }
    expect(existsSync(join(dir, 'guatu.sqlite'))).toBe(false);
  });

  it('refuses an unknown command with exit 2 and where to find help', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: '未知命令：frobnicate\n查看帮助：npm run cli -- --help' });
    expect((await cli('frobnicate', '--lang', 'en')).err).toContain('Unknown command: frobnicate');
  });

  it('refuses a missing argument, an unknown option, an option without its value and a stray argument with exit 2', async () => {
    expect(await cli('revoke', 'ws-1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('缺少参数：<memberId>\n用法：npm run cli -- revoke <workspaceId> <memberId>'),
    });
    expect(await cli('import', '--lang', 'en')).toMatchObject({ code: 2, err: expect.stringContaining('Missing argument: <workspaceId|file.json>') });
    expect(await cli('invite', 'ws-1', '--role', 'member', '--nmae', '张三')).toMatchObject({ code: 2, err: expect.stringContaining('未知选项：--nmae') });
    expect(await cli('invite', 'ws-1', '--role')).toMatchObject({ code: 2, err: expect.stringContaining('选项 --role 需要一个值') });
    expect(await cli('list', 'extra')).toMatchObject({ code: 2, err: expect.stringContaining('多余的参数：extra') });
    expect(await cli('list', '--lang', 'fr')).toMatchObject({ code: 2, err: '--lang 只能是 zh-CN 或 en' });
    expect(existsSync(join(dir, 'guatu.sqlite'))).toBe(false);
  });
});

describe('verify', () => {
  it('passes on an intact file and names the document and seq of a tampered row', async () => {
    files.set('example.json', exampleBundleText());
    await cli('import', 'example.json');
    expect(await cli('verify')).toMatchObject({ code: 0, out: '审计链完好：4 个文档，4 条更新' });
    expect(await cli('verify', '--lang', 'en')).toMatchObject({ code: 0, out: 'Audit chain intact: 4 documents, 4 updates' });

    // Someone with the file rewrites who made the first update of a project.
    const db = new Database(join(dir, 'guatu.sqlite'));
    db.prepare("UPDATE updates SET author = 'm-admin' WHERE doc = 'ws/anping-2026/project/p-road' AND seq = 1").run();
    db.close();
    const tampered = await cli('verify');
    expect(tampered.code).toBe(3);
    expect(tampered.err).toContain('审计链被篡改');
    expect(tampered.err).toContain('文档：ws/anping-2026/project/p-road  序号：1');
  });
});

describe('npm run cli', () => {
  it('runs as its own process on DATA_DIR', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.cli).toBe('node --import tsx server/cli.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'list'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('还没有工作区');
  });
});
