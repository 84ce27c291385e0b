import { describe, expect, it } from 'vitest';
import { findHeader, monthFromTexts } from '../../../shared/import/header';
import { matchHeader } from '../../../shared/import/fields';
import { buildPreview } from '../../../shared/import/preview';
import { previewJson } from '../../../shared/import/preview-json';
import { templateKey } from '../../../shared/import/template-key';
import { countyContext, countyMonthlySheet, existingProject, sheetOf } from './sheet-fixtures';
import { ANCHOR_PENDING, ANCHOR_UNAVAILABLE, anchorNote } from '../../../shared/history/anchor-note';
import { NONE_SIGNED, SIGNED } from '../../client/export/anchor-fixtures';

const ids = () => {
  let n = 0;
  return () => `p-new-${++n}`;
};
const options = { today: '2026-12-03', newId: ids() };

describe('header names', () => {
  it.each([
    ['项目名称', 'name'],
    ['建设内容及规模', 'content'],
    ['联系领导', 'leader'],
    ['包联领导', 'leader'],
    ['年度计划投资', 'annualPlan'],
    ['2026年计划投资（万元）', 'annualPlan'],
    ['累计完成', 'cumulative'],
    ['今年累计完成投资', 'cumulative'],
    ['2026年1-11月完成投资', 'cumulative'],
    ['2026年1-11月完成投资 › 其中：本月', 'monthCompleted'],
    ['2026年1-11月完成投资 › 累计', 'cumulative'],
    ['本月完成投资', 'monthCompleted'],
    ['存在问题和建议', 'issues'],
    ['问题和建议', 'issues'],
    ['总投资（亿元）', 'totalInvestment'],
    ['计划 开工', 'plannedStart'],
  ])('reads %s as %s', (label, field) => {
    expect(matchHeader(label)).toBe(field);
  });

  it('reads the month from the title, or from a header naming a month range', () => {
    expect(monthFromTexts(['安平县2026年11月重点项目建设进展情况表'], [])).toBe('2026-11');
    expect(monthFromTexts(['重点项目进展情况'], ['2026年1-9月完成投资'])).toBe('2026-09');
    expect(monthFromTexts(['Key project monthly report, 3/2026'], [])).toBe('2026-03');
    expect(monthFromTexts(['填报日期：2026-12-03'], ['项目名称'])).toBeNull();
    expect(monthFromTexts(['重点项目库'], ['项目名称'])).toBeNull();
  });
});

describe('buildPreview of the county 月报', () => {
  const preview = buildPreview(countyMonthlySheet(), countyContext(), options);
  const row = (n: number) => preview.rows.find((r) => r.row === n);

  it('finds the merged two-row header under the title block and the month in the title', () => {
    const header = findHeader(countyMonthlySheet());
    expect(header?.headerRows).toEqual([2, 3]);
    expect(preview.headerRows).toEqual([3, 4]);
    expect(preview.kind).toBe('monthly');
    expect(preview.month).toBe('2026-11');
    expect(preview.monthSource).toBe('sheet');
    expect(preview.columns[8]?.label).toBe('2026年1-11月完成投资（万元） › 其中：本月');
    expect(preview.mapping).toMatchObject({ 0: 'seq', 1: 'code', 2: 'name', 4: 'content', 7: 'cumulative', 8: 'monthCompleted', 11: 'leader', 15: 'issues' });
    expect(preview.columns[1]?.hidden).toBe(true);
  });

  it('skips title, section, 小计, 合计, blank and note rows and says why', () => {
    expect(preview.rows.filter((r) => r.status === 'skipped').map((r) => [r.row, r.reason])).toEqual([
      [5, 'section'],
      [8, 'subtotal'],
      [9, 'section'],
      [12, 'total'],
      [13, 'blank'],
      [14, 'note'],
    ]);
    expect(preview.counts).toEqual({ new: 2, changed: 1, unchanged: 0, invalid: 1, skipped: 6 });
  });

  it("skips the anchored history's line Guatu's exports carry as a note, whatever it says, in either language", () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const status of [SIGNED, NONE_SIGNED, ANCHOR_UNAVAILABLE, ANCHOR_PENDING]) {
        const sheet = countyMonthlySheet();
        // in the 序号 column as Guatu's form writes it, after the notes already under the table
        sheet.rows.push([{ type: 'string', value: anchorNote(locale, status) }]);
        const read = buildPreview(sheet, countyContext(), options);
        expect(read.rows.find((r) => r.row === sheet.rows.length)).toMatchObject({ status: 'skipped', reason: 'note' });
        expect(read.counts).toEqual({ ...preview.counts, skipped: preview.counts.skipped + 1 });
      }
    }
  });

  it('reads every amount and date form, in 万元, and says when a date was a month alone', () => {
    const first = row(6);
    expect(first?.status).toBe('new');
    const to = Object.fromEntries(first?.changes.map((c) => [c.field, c.to]) ?? []);
    expect(to).toMatchObject({
      code: 'AP-001',
      totalInvestment: 86_000,
      annualPlan: 56_700,
      cumulative: 12_000,
      monthCompleted: 900,
      plannedStart: '2026-03-01',
      plannedCompletion: '2027-06-01',
      leader: '王强',
      unit: '县工信局',
      serviceUnit: '县发改局',
      category: '工业',
    });
    expect(first?.notes.map((n) => n.key)).toContain('import.note.monthOnly');
    expect(first?.notes.map((n) => n.key)).toContain('import.note.hidden');
    const third = row(10);
    expect(Object.fromEntries(third?.changes.map((c) => [c.field, c.to]) ?? [])).toMatchObject({
      totalInvestment: 12_000,
      plannedStart: '2026-04-01',
      category: '基础设施',
    });
  });

  it('shows a changed project field by field, old → new, and its 月报 figures', () => {
    const changed = row(7);
    expect(changed?.status).toBe('changed');
    expect(changed?.projectId).toBe('p-ap002');
    expect(changed?.changes).toEqual([
      { field: 'totalInvestment', column: 'F（总投资（万元））', from: 8000, to: 9000 },
      { field: 'cumulative', column: 'H（2026年1-11月完成投资（万元） › 累计）', from: null, to: 2500 },
      { field: 'monthCompleted', column: 'I（2026年1-11月完成投资（万元） › 其中：本月）', from: null, to: 400 },
      { field: 'progress', column: 'O（本月进展）', from: null, to: '设备安装' },
      { field: 'issues', column: 'P（存在问题和建议）', from: null, to: '用地指标待落实' },
    ]);
  });

  it('lists every error of an invalid row by column, and never lets it block the valid ones', () => {
    const invalid = row(11);
    expect(invalid?.status).toBe('invalid');
    expect(invalid?.errors).toEqual([
      { column: 'F（总投资（万元））', key: 'import.err.notAmount', params: { value: '约5000' } },
      { column: 'J（计划开工时间）', key: 'import.err.notDate', params: { value: '2026.13' } },
    ]);
    expect(preview.actions.map((a) => [a.type, a.row])).toEqual([
      ['create', 6],
      ['update', 7],
      ['create', 10],
    ]);
  });

  it('lists the names it could not resolve', () => {
    expect(preview.unresolved).toEqual({ members: ['李四'], units: [] });
    expect(row(10)?.notes).toContainEqual({ column: 'L（联系领导）', key: 'import.note.unresolved', params: { name: '李四' } });
  });

  it('prints as the JSON object of the CLI, in plain words', () => {
    const json = previewJson(preview, 'zh-CN');
    expect(json.counts).toEqual(preview.counts);
    expect(json.mapping['C 项目名称']).toBe('name');
    expect(json.rows.find((r) => r.row === 11)?.errors[0]).toEqual({
      column: 'F（总投资（万元））',
      message: '“约5000”不是金额（可写 56,700、8.6亿、9000万元）',
    });
    expect(json.rows.find((r) => r.row === 8)?.reason).toBe('小计行');
    expect(json.hiddenColumns).toEqual(['B']);
  });
});

describe('matching and the user mapping', () => {
  it('matches by 项目编号 first, then by exact name; a project list is unchanged when nothing differs', () => {
    const context = {
      projects: [
        existingProject({ id: 'a', code: 'X-1', name: '旧名称', totalInvestmentWan: 100, annualPlanWan: 50 }),
        existingProject({ id: 'b', name: '光伏电站', totalInvestmentWan: 200, annualPlanWan: 100 }),
      ],
      members: [],
      units: [],
    };
    const sheet = sheetOf([['重点项目库'], ['项目编号', '项目名称', '总投资'], ['X-1', '新名称', 100], ['', '光 伏 电 站', 200]]);
    const preview = buildPreview(sheet, context, options);
    expect(preview.kind).toBe('projects');
    expect(preview.rows.map((r) => [r.row, r.status, r.projectId])).toEqual([
      [3, 'changed', 'a'],
      [4, 'unchanged', 'b'],
    ]);
    expect(preview.rows[0]?.changes).toEqual([{ field: 'name', column: 'B（项目名称）', from: '旧名称', to: '新名称' }]);
  });

  it('takes the user mapping over the suggested one and keys the template by its header, not its months', () => {
    const sheet = sheetOf([
      ['项目名称', '工程概况', '总投资'],
      ['光伏电站', '装机 50MW', 200],
    ]);
    const auto = buildPreview(sheet, { projects: [], members: [], units: [] }, options);
    expect(auto.mapping[1]).toBeNull();
    const mapped = buildPreview(sheet, { projects: [], members: [], units: [] }, { ...options, mapping: { 1: 'content' } });
    expect(mapped.rows[0]?.changes).toContainEqual({ field: 'content', column: 'B（工程概况）', from: null, to: '装机 50MW' });

    const nov = findHeader(sheetOf([['项目名称', '2026年1-11月完成投资']]));
    const dec = findHeader(sheetOf([['项目名称', '2026年1-12月完成投资']]));
    const other = findHeader(sheetOf([['项目名称', '总投资']]));
    expect(templateKey(nov?.columns ?? [])).toBe(templateKey(dec?.columns ?? []));
    expect(templateKey(nov?.columns ?? [])).not.toBe(templateKey(other?.columns ?? []));
  });

  it('refuses a 月报 whose month it cannot tell until the user chooses one, and a figure that does not add up', () => {
    const sheet = sheetOf([
      ['项目名称', '今年累计完成投资', '本月完成投资'],
      ['智能装备产业园', 2600, 400],
    ]);
    const context = countyContext();
    const none = buildPreview(sheet, context, options);
    expect(none.sheetErrors.map((e) => e.key)).toEqual(['import.err.noMonth']);
    expect(none.actions).toEqual([]);
    const chosen = buildPreview(sheet, context, { ...options, month: '2026-11' });
    expect(chosen.rows[0]?.errors).toEqual([
      {
        column: 'B（今年累计完成投资）',
        key: 'import.err.figuresMismatch',
        params: { cumulative: 2600, month: 400, previous: 2100, previousMonth: '2026-10' },
      },
    ]);
  });

  it('marks a second row of the same project invalid, and reads 未报送 as no report', () => {
    const sheet = sheetOf([
      ['2026年11月月报'],
      ['项目名称', '今年累计完成投资', '本月完成投资', '本月进展'],
      ['智能装备产业园', 2100, '', '未报送'],
      ['智能装备产业园', 2500, 400, '设备安装'],
    ]);
    const preview = buildPreview(sheet, countyContext(), options);
    expect(preview.rows.map((r) => r.status)).toEqual(['unchanged', 'invalid']);
    expect(preview.rows[0]?.notes.map((n) => n.key)).toEqual(['import.note.notFiled']);
    expect(preview.rows[1]?.errors).toEqual([{ column: 'A（项目名称）', key: 'import.err.duplicateRow', params: { row: 3 } }]);
  });
});

describe('stages', () => {
  const context = () => ({
    projects: [existingProject({ id: 'a', name: '光伏电站', stage: 'completed' as const, totalInvestmentWan: 100 })],
    members: [],
    units: [],
  });

  it('a 月报 moves a project forward to its month-end stage, never back', () => {
    const sheet = (stage: string) => sheetOf([['2026年9月月报'], ['项目名称', '本月完成投资', '建设阶段'], ['光伏电站', 10, stage]]);
    expect(buildPreview(sheet('开工'), context(), options).actions.map((a) => a.stage)).toEqual([null]);
    const forward = buildPreview(sheet('投产'), context(), options).actions[0];
    expect(forward).toMatchObject({ stage: 'operating', stageDate: '2026-09-30' });
  });

  it('a project list sets the stage it names, dated the day of the import', () => {
    const sheet = sheetOf([
      ['项目名称', '总投资', '建设阶段'],
      ['光伏电站', 100, '开工'],
    ]);
    expect(buildPreview(sheet, context(), options).actions[0]).toMatchObject({ stage: 'started', stageDate: '2026-12-03' });
  });
});

describe('a group header whose sub-labels name more fields than the row above', () => {
  it('starts the header at the group row', () => {
    const sheet = sheetOf(
      [
        ['2026年10月项目进展'],
        ['序号', '项目名称', '投资情况（万元）', null, null, null, '包联领导'],
        [null, null, '总投资', '今年计划投资', '今年累计完成投资', '本月完成投资', null],
        [1, '光伏电站', 100, 50, 30, 10, ''],
      ],
      [
        { top: 1, left: 0, bottom: 2, right: 0 },
        { top: 1, left: 1, bottom: 2, right: 1 },
        { top: 1, left: 2, bottom: 1, right: 5 },
        { top: 1, left: 6, bottom: 2, right: 6 },
      ],
    );
    const preview = buildPreview(sheet, { projects: [], members: [], units: [] }, options);
    expect(preview.headerRows).toEqual([2, 3]);
    expect(preview.columns.map((c) => preview.mapping[c.index])).toEqual([
      'seq',
      'name',
      'totalInvestment',
      'annualPlan',
      'cumulative',
      'monthCompleted',
      'leader',
    ]);
    expect(preview.columns[2]?.label).toBe('投资情况（万元） › 总投资');
    expect(preview.rows.map((r) => r.status)).toEqual(['new']);
  });
});

describe('a two-row header saved as CSV (no merges)', () => {
  it('reads each sub-label under the group label to its left', () => {
    const sheet = sheetOf([
      ['项目名称', '总投资', '2026年1-11月完成投资', '', '问题和建议'],
      ['', '', '累计', '其中：本月', ''],
      ['光伏电站', 100, 30, 10, ''],
    ]);
    const preview = buildPreview(sheet, { projects: [], members: [], units: [] }, options);
    expect(preview.headerRows).toEqual([1, 2]);
    expect(preview.columns.map((c) => c.label)).toEqual([
      '项目名称',
      '总投资',
      '2026年1-11月完成投资 › 累计',
      '2026年1-11月完成投资 › 其中：本月',
      '问题和建议',
    ]);
    expect(preview.month).toBe('2026-11');
    expect(preview.rows.map((r) => r.status)).toEqual(['new']);
  });
});

describe('words it does not know and lines that are not projects', () => {
  it('leaves an unknown 项目类型 unset with a note instead of refusing the row; skips 其中 lines and empty numbered rows', () => {
    const sheet = sheetOf([
      ['序号', '项目名称', '项目类型', '建设性质', '总投资'],
      ['一、社会事业'],
      [null, '其中：省重点项目', null, null, 300],
      [1, '县医院门诊楼', '社会事业', '改扩建', 300],
      [2],
    ]);
    const preview = buildPreview(sheet, { projects: [], members: [], units: [] }, options);
    expect(preview.rows.map((r) => [r.row, r.status, r.reason])).toEqual([
      [2, 'skipped', 'section'],
      [3, 'skipped', 'subtotal'],
      [4, 'new', null],
      [5, 'skipped', 'blank'],
    ]);
    expect(preview.rows[2]?.notes.map((n) => n.key)).toEqual(['import.note.unknownCategory', 'import.note.unknownKind']);
    expect(preview.rows[2]?.changes.map((c) => c.field)).toEqual(['name', 'totalInvestment']);
  });
});

describe('a project list with a 形象进度 column', () => {
  it('is a project list (no figures), and its 形象进度 updates the project’s note', () => {
    const sheet = sheetOf([
      ['项目名称', '总投资', '形象进度'],
      ['光伏电站', 100, '组件安装完成 80%'],
    ]);
    const context = { projects: [existingProject({ id: 'a', name: '光伏电站', totalInvestmentWan: 100, progressNote: '桩基完成' })], members: [], units: [] };
    const preview = buildPreview(sheet, context, options);
    expect(preview.kind).toBe('projects');
    expect(preview.sheetErrors).toEqual([]);
    expect(preview.rows[0]?.changes).toEqual([{ field: 'progress', column: 'C（形象进度）', from: '桩基完成', to: '组件安装完成 80%' }]);
    expect(preview.actions[0]).toMatchObject({ type: 'update', patch: { progressNote: '组件安装完成 80%' } });
  });
});

describe('a name that matches a project under another number', () => {
  it('is not taken for that project: the row asks for the number to be checked', () => {
    const context = { projects: [existingProject({ id: 'a', code: 'CG-01', name: '道路提升工程', totalInvestmentWan: 100 })], members: [], units: [] };
    const sheet = sheetOf([
      ['项目编号', '项目名称', '总投资'],
      ['QT-07', '道路提升工程', 300],
      ['', '道路提升工程', 100],
    ]);
    const preview = buildPreview(sheet, context, options);
    expect(preview.rows.map((r) => [r.status, r.projectId])).toEqual([
      ['invalid', null],
      ['unchanged', 'a'],
    ]);
    expect(preview.rows[0]?.errors.map((e) => e.key)).toEqual(['import.err.codeConflict']);
  });
});

describe('formula cells', () => {
  it('read by their cached result; a formula without one reads as empty and says why', () => {
    const sheet = sheetOf([
      ['项目名称', '总投资', '今年计划投资'],
      ['光伏电站', { type: 'number', value: 300, formula: true }, { type: 'empty', value: null, formula: true }],
    ]);
    const row = buildPreview(sheet, { projects: [], members: [], units: [] }, options).rows[0];
    expect(row?.changes).toContainEqual({ field: 'totalInvestment', column: 'B（总投资）', from: null, to: 300 });
    expect(row?.notes).toEqual([{ column: 'C（今年计划投资）', key: 'import.note.formulaNoResult', params: {} }]);
  });
});

describe('a 月报 form without a 本月进展 or 问题和建议 column (an office template, #10)', () => {
  it("keeps what the month's 月报 says there instead of clearing it, and clears it when the column is there and blank", () => {
    const context = countyContext();
    const filed = context.projects[0]!;
    const withNovember = {
      ...context,
      projects: [
        { ...filed, reports: [...filed.reports, { month: '2026-11', completedWan: 400, cumulativeWan: 2500, progress: '主体封顶', issues: '用地指标待落实' }] },
      ],
    };
    const without = sheetOf([['2026年11月月报'], ['项目名称', '今年累计完成投资', '本月完成投资'], ['智能装备产业园', 2500, 400]]);
    const kept = buildPreview(without, withNovember, options);
    expect(kept.rows.map((r) => r.status)).toEqual(['unchanged']);
    expect(kept.actions).toEqual([]);
    const blank = sheetOf([['2026年11月月报'], ['项目名称', '今年累计完成投资', '本月完成投资', '本月进展'], ['智能装备产业园', 2500, 400, '']]);
    const cleared = buildPreview(blank, withNovember, options);
    expect(cleared.rows[0]?.status).toBe('changed');
    expect(cleared.rows[0]?.changes.map((c) => [c.field, c.from, c.to])).toEqual([['progress', '主体封顶', '']]);
  });

  it('reads a section heading in the 项目编号 column (a form that starts with it) as a section', () => {
    const sheet = sheetOf(
      [['2026年11月月报'], ['项目编号', '项目名称', '今年累计完成投资'], ['一、工业项目', null, null], ['AP-002', '智能装备产业园', 2500]],
      [{ top: 2, left: 0, bottom: 2, right: 2 }],
    );
    const preview = buildPreview(sheet, countyContext(), options);
    expect(preview.rows.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'section'],
      ['changed', null],
    ]);
  });
});
