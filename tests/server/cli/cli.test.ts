import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalBundle } from '../../../server/bundle/bundle-format';
import { runCli } from '../../../server/cli/run-cli';
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
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, testConfig(dir), {
    now: () => NOON_MARCH_31,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    writeFile: async (path, text) => void files.set(path, text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
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
    expect(imported.out).toMatch(/管理员 周敏 的邀请码 · admin invite code: [2-9A-HJ-NP-Z]{8}/);

    expect((await cli('export', 'anping-2026', 'out.json')).code).toBe(0);
    expect(JSON.parse(files.get('out.json') ?? '')).toEqual(canonicalBundle(exampleBundle()));
    expect((await cli('list')).out).toBe('anping-2026  安平县2026年项目建设年  成员 members: 3  项目 projects: 2');
  });
});

describe('workspaces and invites', () => {
  it('creates a workspace with an admin invite, invites a new person, refuses an unknown role', async () => {
    const created = await cli('create-workspace', '临江市2026年项目建设年');
    expect(created.code).toBe(0);
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(created.out)?.[1] ?? '';
    expect(created.out).toMatch(/admin invite code: [2-9A-HJ-NP-Z]{8}/);
    expect((await cli('list')).out).toBe(`${id}  临江市2026年项目建设年  成员 members: 0  项目 projects: 0`);

    const invited = await cli('invite', id, '--role', 'member', '--name', '张三', '--rank', 'section');
    expect(invited.code).toBe(0);
    expect(invited.out).toMatch(/invite code: [2-9A-HJ-NP-Z]{8}  角色 role: member/);
    expect(await cli('invite', id, '--role', 'boss', '--name', '张三')).toMatchObject({ code: 1, err: 'role: 未知的角色' });
    expect(await cli('invite', id, '--role', 'member', '--member', 'ghost')).toMatchObject({ code: 1 });
    expect(await cli('invite', 'no-such-ws', '--role', 'member', '--name', '张三')).toMatchObject({ code: 1, err: '工作区不存在 · no such workspace: no-such-ws' });
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
    const ctx = openCliContext(testConfig(dir), { now: () => NOON_MARCH_31, out() {}, err() {}, readFile: async () => '', writeFile: async () => {} }, 'zh-CN');
    try {
      const verified = await ctx.auth.tokens.verify(url.searchParams.get('token'));
      expect(verified).toMatchObject({ ok: true, principal: { workspaceId: id, memberId: 'wall', role: 'observer' } });
    } finally {
      await ctx.close();
    }
    expect(await cli('wall', 'no-such-ws')).toMatchObject({ code: 1 });
  });

  it('explains itself on no command or an unknown one', async () => {
    expect(await cli()).toMatchObject({ code: 2 });
    expect((await cli('frobnicate')).err).toContain('未知命令 · unknown command: frobnicate');
  });
});

describe('verify', () => {
  it('passes on an intact file and names the document and seq of a tampered row', async () => {
    files.set('example.json', exampleBundleText());
    await cli('import', 'example.json');
    expect(await cli('verify')).toMatchObject({ code: 0, out: '审计链完好 · audit chain intact: 4 个文档 documents, 4 条更新 updates' });

    // Someone with the file rewrites who made the first update of a project.
    const db = new Database(join(dir, 'guatu.sqlite'));
    db.prepare("UPDATE updates SET author = 'm-admin' WHERE doc = 'ws/anping-2026/project/p-road' AND seq = 1").run();
    db.close();
    const tampered = await cli('verify');
    expect(tampered.code).toBe(3);
    expect(tampered.err).toContain('审计链被篡改');
    expect(tampered.err).toContain('文档 document: ws/anping-2026/project/p-road  序号 seq: 1');
  });
});

describe('npm run cli', () => {
  it('runs as its own process on DATA_DIR', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.cli).toBe('node --import tsx server/cli.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'list'], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('还没有工作区 · no workspaces');
  });
});
