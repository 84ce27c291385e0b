import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadDoc } from '../../../server/bundle/store-bundle';
import { runCliInMemory } from './in-memory-cli';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { editProject } from '../../../shared/model/project-edit';
import { addMilestone } from '../../../shared/model/project-milestones';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { exampleBundleText, testConfig } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';

const DOC = 'ws/anping-2026/project/p-road';
const NOV_2 = Date.UTC(2026, 10, 2, 1, 0); // 2026-11-02 09:00 Asia/Shanghai
const HOUR = 3_600_000;
let dir: string;
let remove: () => void;
let files: Map<string, string>;

beforeEach(async () => {
  ({ dir, remove } = makeTempDir('revert'));
  files = new Map([['example.json', exampleBundleText()]]);
  expect((await cli('import', 'example.json')).code).toBe(0);
});
afterEach(() => remove());

/** Runs one command in-process against the temp DATA_DIR; files live in a map. */
function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCliInMemory(testConfig(dir), () => NOV_2 + 48 * HOUR, files, argv);
}

/** One member's edit of p-road, stored at `at` as the server would (author and time of receipt). */
async function edit(memberId: string, at: number, write: (doc: Y.Doc, author: { memberId: string; at: number }) => unknown): Promise<void> {
  const store = openSqliteStore({ path: join(dir, 'guatu.sqlite') });
  try {
    const doc = (await loadDoc(store, DOC)) ?? new Y.Doc();
    const before = Y.encodeStateVector(doc);
    write(doc, { memberId, at });
    await store.append(DOC, Y.encodeStateAsUpdate(doc, before), memberId, at);
  } finally {
    await store.close();
  }
}

async function project() {
  const store = openSqliteStore({ path: join(dir, 'guatu.sqlite') });
  try {
    const doc = await loadDoc(store, DOC);
    if (!doc) throw new Error('no document');
    return { read: readProjectDoc(doc), history: await store.history(DOC) };
  } finally {
    await store.close();
  }
}

describe('revert by scope (#13 restorable)', () => {
  it('previews each field and conflict in plain words, then writes one new change, leaving later edits alone', async () => {
    const before = (await project()).read.project;
    if (!before.ok) throw new Error('no project');
    const total = before.value.totalInvestmentWan;
    await edit('m-li', NOV_2, (doc, a) => editProject(doc, { totalInvestmentWan: total + 5_000, progressNote: '路基施工' }, a));
    await edit('m-li', NOV_2 + HOUR, (doc, a) => addMilestone(doc, { title: '路基完工', dueDate: '2026-12-20' }, a, { newId: () => 'ms-roadbed' }));
    await edit('m-wang', NOV_2 + 2 * HOUR, (doc, a) => editProject(doc, { progressNote: '路面摊铺' }, a));

    const args = ['revert', 'anping-2026', '--member', 'm-li', '--from', '2026-11-02T08:00+08:00', '--to', '2026-11-02T11:00+08:00'];
    const preview = await cli(...args, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('撤销 李娜 在 2026-11-02 08:00 至 2026-11-02 11:00 之间的修改：');
    expect(preview.out).toContain('项目「城东道路提升工程」：');
    expect(preview.out).toMatch(/项目的“总投资”：现为 [\d.]+ (万元|亿元)，恢复为 [\d.]+ (万元|亿元)/);
    expect(preview.out).toContain('归档节点「路基完工」（在此期间新建）');
    expect(preview.out).toContain('冲突，保留不动：项目的“形象进度”此后由 王建国 于 2026-11-02 11:00 改为 路面摊铺');
    expect(preview.out).toContain('预览（--dry-run），未写入');
    const untouched = await project();
    expect(untouched.history.length).toBe(4);

    const json = JSON.parse((await cli(...args, '--dry-run', '--json')).out) as {
      projects: Array<{ restores: unknown[]; conflicts: unknown[]; archives: unknown[] }>;
    };
    expect(json.projects).toHaveLength(1);
    expect(json.projects[0]).toMatchObject({
      restores: [{ field: 'totalInvestmentWan', restore: total }],
      archives: [{ kind: 'milestone', id: 'ms-roadbed' }],
    });
    expect(json.projects[0]?.conflicts).toHaveLength(1);

    const applied = await cli(...args, '--as', 'm-admin');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('已写入 1 个项目，作者记为 周敏');
    const after = await project();
    expect(after.history.map((h) => h.author)).toEqual(['server', 'm-li', 'm-li', 'm-wang', 'm-admin']);
    if (!after.read.project.ok) throw new Error('no project');
    expect(after.read.project.value.totalInvestmentWan).toBe(total);
    expect(after.read.project.value.progressNote).toBe('路面摊铺');
    const milestone = after.read.milestones.find((m) => m.ok && m.value.id === 'ms-roadbed');
    expect(milestone?.ok && milestone.value.archived).toBe(true);
  });

  it('refuses bad times and an --as who is not in the project office, and says when there is nothing to undo', async () => {
    expect(await cli('revert', 'anping-2026', '--member', 'm-li', '--from', 'yesterday', '--to', '2026-11-02')).toMatchObject({ code: 2 });
    expect(await cli('revert', 'anping-2026', '--from', '2026-11-01', '--to', '2026-11-02')).toMatchObject({ code: 2 });
    expect(await cli('revert', 'anping-2026', '--member', 'm-li', '--from', '2026-11-01', '--to', '2026-11-02', '--as', 'm-li')).toMatchObject({
      code: 1,
      err: expect.stringContaining('不是工作区 anping-2026 的项目办成员'),
    });
    expect(await cli('revert', 'anping-2026', '--member', 'm-li', '--from', '2026-11-01', '--to', '2026-11-02', '--project', 'p-none')).toMatchObject({
      code: 1,
    });
    expect(await cli('revert', 'anping-2026', '--member', 'm-li', '--from', '2026-11-01', '--to', '2026-11-02')).toMatchObject({
      code: 0,
      out: '这段时间内 李娜 没有可撤销的修改',
    });
  });

  it('restores a project to its state at a time: fields back, newer milestones archived, a 月报 filed later kept', async () => {
    const before = (await project()).read.project;
    if (!before.ok) throw new Error('no project');
    const { totalInvestmentWan: total, progressNote: note } = before.value;
    // the import is stored at the CLI's clock (2026-11-04 09:00); the edits come after it
    const imported = NOV_2 + 48 * HOUR;
    await edit('m-li', imported + 2 * HOUR, (doc, a) => editProject(doc, { totalInvestmentWan: total + 5_000, progressNote: '路基施工' }, a));
    await edit('m-wang', imported + 3 * HOUR, (doc, a) => addMilestone(doc, { title: '路面摊铺', dueDate: '2026-12-20' }, a, { newId: () => 'ms-paving' }));
    await edit('m-li', imported + 4 * HOUR, (doc, a) =>
      fileMonthlyReport(doc, { month: '2026-10', completedWan: 120, progress: '路基完成一半', issues: '' }, a),
    );

    const args = ['revert', 'anping-2026', '--project', 'p-road', '--at', '2026-11-04T10:00+08:00'];
    const preview = await cli(...args, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('把项目恢复到 2026-11-04 10:00 时的状态：');
    expect(preview.out).toMatch(/项目的“总投资”：现为 [\d.]+ (万元|亿元)，恢复为 [\d.]+ (万元|亿元)/);
    expect(preview.out).toContain('归档节点「路面摊铺」（该时刻之后新建）');
    expect(preview.out).toContain('保留：2026年10月 月报（该时刻之后报送，月报不能撤回）');
    expect((await project()).history.length).toBe(4);

    const applied = await cli(...args, '--as', 'm-admin');
    expect(applied.code).toBe(0);
    const after = await project();
    expect(after.history.map((h) => h.author)).toEqual(['server', 'm-li', 'm-wang', 'm-li', 'm-admin']);
    if (!after.read.project.ok) throw new Error('no project');
    expect(after.read.project.value.totalInvestmentWan).toBe(total);
    expect(after.read.project.value.progressNote).toBe(note);
    const milestone = after.read.milestones.find((m) => m.ok && m.value.id === 'ms-paving');
    expect(milestone?.ok && milestone.value.archived).toBe(true);
    expect(after.read.reports.some((r) => r.ok && r.value.month === '2026-10')).toBe(true);
    // restored: a second restore has nothing left to do but name the 月报 it cannot take back
    expect((await cli(...args, '--dry-run')).out).toContain('共恢复 0 个字段、归档 0 条记录；1 条记录保留');
  });

  it('refuses --at without --project, or mixed with --member', async () => {
    expect(await cli('revert', 'anping-2026', '--at', '2026-11-02')).toMatchObject({ code: 2, err: expect.stringContaining('--at 须与 --project 同用') });
    expect(await cli('revert', 'anping-2026', '--project', 'p-road', '--member', 'm-li', '--at', '2026-11-02')).toMatchObject({ code: 2 });
    expect(await cli('revert', 'anping-2026', '--project', 'p-road', '--at', 'noon')).toMatchObject({ code: 2 });
  });
});
