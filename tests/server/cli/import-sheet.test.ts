import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/run-cli';
import { testConfig, exampleBundleText } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';
import type { Raw } from '../../shared/import/sheet-fixtures';
import { encodeGbk } from './gbk';
import { xlsxBytes } from './xlsx-fixture';

const NOON_APRIL_3 = Date.UTC(2026, 3, 3, 4, 0, 0);
let dir: string;
let remove: () => void;
let files: Map<string, Uint8Array>;

beforeEach(() => {
  port = 0;
  ({ dir, remove } = makeTempDir('cli-import'));
  files = new Map([['example.json', new TextEncoder().encode(exampleBundleText())]]);
});
afterEach(() => remove());

let port = 0;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const read = (path: string): Uint8Array => {
    const bytes = files.get(path);
    if (bytes === undefined) throw new Error(`ENOENT: ${path}`);
    return bytes;
  };
  const code = await runCli(argv, testConfig(dir, { port }), {
    now: () => NOON_APRIL_3,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => new TextDecoder().decode(read(path)),
    readBytes: async (path) => read(path),
    writeFile: async (path, text) => void files.set(path, new TextEncoder().encode(text)),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The county's March 月报: title, merged two-row header, a section, a subtotal, a total, a hidden column, an invalid row. */
async function marchReport(): Promise<Uint8Array> {
  const rows: Raw[][] = [
    ['安平县2026年3月重点项目建设月报'],
    ['序号', '项目编号', '项目名称', '总投资（万元）', '2026年计划投资', '2026年1-3月完成投资', null, '包联领导', '责任单位', '本月进展', '问题和建议'],
    [null, null, null, null, null, '累计', '其中：本月', null, null, null, null],
    ['一、工业项目'],
    [1, 'XM2026-001', '城关镇标准化厂房项目', 12_000, 6000, 1500, 300, '王建国', '城关镇', '钢结构吊装', ''],
    [2, '', '城南污水处理厂', '1.2亿', '8,000', '５００', '500', '王建国', '县项目办', '场地平整', '环评待批'],
    [3, 'XM2026-009', '县城供热管网改造', '约5000', 2000, 800, 100, '', '', '', ''],
    [null, null, '小计', 25_000, 16_000, 2800, 900],
    [null, null, '合计', 25_000, 16_000, 2800, 900],
    ['注：金额单位为万元。'],
  ];
  const merges = [
    { top: 0, left: 0, bottom: 0, right: 10 },
    ...[0, 1, 2, 3, 4, 7, 8, 9, 10].map((c) => ({ top: 1, left: c, bottom: 2, right: c })),
    { top: 1, left: 5, bottom: 1, right: 6 },
  ];
  return xlsxBytes(rows, merges, [1], '3月');
}

describe('import <workspaceId> <file>', () => {
  it('previews a 月报 as JSON with --dry-run, writes nothing, then imports it as the admin; a second run changes nothing', async () => {
    expect((await cli('import', 'example.json')).code).toBe(0);
    files.set('3月.xlsx', await marchReport());

    const dry = await cli('import', 'anping-2026', '3月.xlsx', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.out);
    expect(preview).toMatchObject({ kind: 'monthly', month: '2026-03', counts: { new: 1, changed: 1, unchanged: 0, invalid: 1, skipped: 4 } });
    expect(preview.mapping).toMatchObject({
      'C 项目名称': 'name',
      'F 2026年1-3月完成投资 › 累计': 'cumulative',
      'G 2026年1-3月完成投资 › 其中：本月': 'monthCompleted',
    });
    expect(preview.rows.find((r: { row: number }) => r.row === 7)).toMatchObject({
      status: 'invalid',
      errors: [{ column: 'D（总投资（万元））', message: '“约5000”不是金额（可写 56,700、8.6亿、9000万元）' }],
    });
    expect(preview.rows.find((r: { row: number }) => r.row === 5).changes).toEqual([
      { field: 'cumulative', column: 'F（2026年1-3月完成投资 › 累计）', from: null, to: 1500 },
      { field: 'monthCompleted', column: 'G（2026年1-3月完成投资 › 其中：本月）', from: null, to: 300 },
      { field: 'progress', column: 'J（本月进展）', from: null, to: '钢结构吊装' },
    ]);
    expect(preview.hiddenColumns).toEqual(['B']);
    expect(dry.err).toContain('试运行：未写入任何数据');
    expect((await cli('list')).out).toContain('项目：2');

    const applied = await cli('import', 'anping-2026', '3月.xlsx', '--as', 'm-admin');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('第 6 行  新增  城南污水处理厂');
    expect(applied.out).toContain('第 8 行  跳过：小计行');
    expect(applied.out).toContain('已写入：新增 1 个项目，更新 1 个项目（作者：m-admin）');
    expect((await cli('list')).out).toContain('项目：3');

    expect((await cli('export', 'anping-2026', 'out.json')).code).toBe(0);
    const bundle = JSON.parse(new TextDecoder().decode(files.get('out.json')));
    const plant = bundle.projects.find((p: { project: { name: string } }) => p.project.name === '城南污水处理厂');
    expect(plant.project).toMatchObject({
      totalInvestmentWan: 12_000,
      annualPlanWan: 8000,
      leaderId: 'm-wang',
      unitId: 'u-office',
      created: { by: 'm-admin' },
    });
    expect(plant.reports).toMatchObject([{ month: '2026-03', completedWan: 500, cumulativeWan: 500, issues: '环评待批', filed: { by: 'm-admin' } }]);
    const factory = bundle.projects.find((p: { project: { id: string } }) => p.project.id === 'p-factory');
    expect(factory.reports.at(-1)).toMatchObject({ month: '2026-03', completedWan: 300, cumulativeWan: 1500 });
    expect(bundle.workspace.registry.map((r: { name: string }) => r.name)).toContain('城南污水处理厂');

    const again = await cli('import', 'anping-2026', '3月.xlsx', '--as', 'm-admin', '--json');
    expect(JSON.parse(again.out).counts).toEqual({ new: 0, changed: 0, unchanged: 2, invalid: 1, skipped: 4 });
    expect(again.err).toContain('已写入：新增 0 个项目，更新 0 个项目');
    expect((await cli('verify')).code).toBe(0);
  });

  it('imports a GBK CSV project list, and refuses .xls, an unknown workspace, a member who may not import and bad options', async () => {
    expect((await cli('import', 'example.json')).code).toBe(0);
    files.set('项目库.csv', encodeGbk('项目名称,总投资,计划开工,责任单位\r\n城西物流园,"56,700",2026.5,城关镇\r\n'));
    const listed = await cli('import', 'anping-2026', '项目库.csv', '--kind', 'projects', '--json', '--dry-run');
    expect(listed.code).toBe(0);
    const row = JSON.parse(listed.out).rows[0];
    expect(row).toMatchObject({ status: 'new', name: '城西物流园' });
    expect(row.notes).toEqual([{ column: 'C（计划开工）', message: '“2026.5”只写到月份，按 2026-05-01（当月 1 日）计' }]);

    files.set('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    expect(await cli('import', 'anping-2026', 'old.xls')).toMatchObject({ code: 1, err: expect.stringContaining('另存为') });
    expect(await cli('import', 'nowhere', '项目库.csv')).toMatchObject({ code: 1, err: '工作区不存在：nowhere' });
    expect(await cli('import', 'anping-2026', '项目库.csv', '--as', 'm-li')).toMatchObject({ code: 1, err: 'm-li 不是本工作区在册的管理员或领导' });
    expect((await cli('import', 'anping-2026', '项目库.csv', '--month', '2026-13')).code).toBe(2);
    expect((await cli('import', 'anping-2026', '项目库.csv', '--kind', 'plans')).code).toBe(2);
    expect((await cli('import', 'anping-2026', '项目库.csv', '--bogus')).code).toBe(2);
    expect((await cli('import', 'anping-2026', '项目库.csv', '--map', 'B=money')).code).toBe(2);
    const remapped = JSON.parse((await cli('import', 'anping-2026', '项目库.csv', '--map', 'c=none,D=serviceUnit', '--json', '--dry-run')).out);
    expect(remapped.mapping).toEqual({ 'A 项目名称': 'name', 'B 总投资': 'totalInvestment', 'D 责任单位': 'serviceUnit' });
    expect(remapped.rows[0].notes).toEqual([]);
    expect(await cli('import', '项目库.csv')).toMatchObject({ code: 2, err: '请指明导入到哪个工作区：npm run cli -- import <工作区> 项目库.csv' });
    expect((await cli('list')).out).toContain('项目：2');
  });
});

describe('with the server running', () => {
  it('previews, but writes nothing: the running server would overwrite it', async () => {
    expect((await cli('import', 'example.json')).code).toBe(0);
    files.set('项目库.csv', new TextEncoder().encode('项目名称,总投资\n城西物流园,500\n'));
    const health = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    port = (health.address() as AddressInfo).port;
    try {
      expect((await cli('import', 'anping-2026', '项目库.csv', '--dry-run')).code).toBe(0);
      const refused = await cli('import', 'anping-2026', '项目库.csv');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('服务器正在运行，未写入');
    } finally {
      await new Promise((resolve) => health.close(resolve));
    }
    port = 0;
    expect((await cli('list')).out).toContain('项目：2');
  });
});
