import { describe, expect, it } from 'vitest';
import type { LayoutField } from '../../../client/export/monthly-report-export';
import { reportTemplateName, reportTemplateOf } from '../../../client/import/report-template';
import type { ImportField } from '../../../shared/import/fields';
import type { HeaderColumn } from '../../../shared/import/header';

const column = (index: number, label: string, hidden = false): HeaderColumn => ({
  index,
  letter: String.fromCharCode(65 + index),
  label,
  hidden,
  suggested: null,
});

describe('the template of an imported 月报', () => {
  // each row: the office's header, what the import mapping reads from it, what the export writes there and under what
  const cases: ReadonlyArray<[label: string, imported: ImportField | null, field: LayoutField, header: string]> = [
    ['序号', 'seq', 'seq', '序号'],
    ['项目名称', 'name', 'name', '项目名称'],
    ['项目代码', 'code', 'code', '项目代码'],
    ['所属县区', 'county', 'county', '所属县区'],
    ['新建/续建', 'kind', 'kind', '新建/续建'],
    ['建设内容及规模', 'content', 'content', '建设内容及规模'],
    ['总投资（亿元）', 'totalInvestment', 'totalInvestment', '总投资（万元）'],
    ['2026年计划投资（万元）', 'annualPlan', 'annualPlan', '2026年计划投资（万元）'],
    ['2026年1-11月完成投资 › 累计', 'cumulative', 'cumulativeCompleted', '2026年1-11月完成投资 › 累计'],
    ['2026年1-11月完成投资 › 其中：本月', 'monthCompleted', 'monthCompleted', '2026年1-11月完成投资 › 其中：本月'],
    ['开工时间', 'plannedStart', 'plannedStart', '开工时间'],
    ['竣工时间', 'plannedCompletion', 'plannedCompletion', '竣工时间'],
    ['联系领导', 'leader', 'leader', '联系领导'],
    ['责任人', 'owner', null, '责任人'],
    ['牵头单位', 'unit', 'responsibleUnit', '牵头单位'],
    ['帮办单位', 'serviceUnit', 'serviceUnit', '帮办单位'],
    ['行业类别', 'category', 'category', '行业类别'],
    ['项目阶段', 'stage', 'stage', '项目阶段'],
    ['形象进度', 'progress', 'progress', '形象进度'],
    ['存在问题和建议', 'issues', 'issues', '存在问题和建议'],
    ['报送情况', 'notFiled', 'notFiled', '报送情况'],
    ['备注', 'remark', 'remark', '备注'],
    ['联系电话', null, null, '联系电话'],
  ];

  it.each(cases)('「%s」 read as %s is written as %s under 「%s」', (label, imported, field, header) => {
    const template = reportTemplateOf([column(0, '项目名称'), column(1, label)], { 0: 'name', 1: imported });
    expect(template.columns[1]).toEqual({ field: label === '项目名称' ? null : field, header });
  });

  it("keeps the office's order, hidden columns hidden, a field's second column blank, and drops stray columns at the end", () => {
    const columns = [
      column(3, '备注'),
      column(0, '序号'),
      column(1, '项目名称'),
      column(2, '累计完成（元）', true),
      column(4, '名称'),
      column(5, ''),
      column(6, ''),
    ];
    const template = reportTemplateOf(columns, { 0: 'seq', 1: 'name', 2: 'cumulative', 3: 'remark', 4: 'name', 5: null, 6: null });
    expect(template.columns).toEqual([
      { field: 'seq', header: '序号' },
      { field: 'name', header: '项目名称' },
      { field: 'cumulativeCompleted', header: '累计完成（万元）', hidden: true },
      { field: 'remark', header: '备注' },
      { field: null, header: '名称' },
    ]);
  });

  it("keeps the sheet's first title line as its title", () => {
    const columns = [column(0, '项目名称'), column(1, '累计完成')];
    expect(reportTemplateOf(columns, { 0: 'name', 1: 'cumulative' }, ['2026年11月  全县重点项目月报', '填报单位：县发改局']).title).toBe(
      '2026年11月 全县重点项目月报',
    );
    expect(reportTemplateOf(columns, { 0: 'name', 1: 'cumulative' })).not.toHaveProperty('title');
  });

  it('keeps a blank header in the middle of the table as a blank column', () => {
    const template = reportTemplateOf([column(0, '项目名称'), column(1, ''), column(2, '本月完成')], { 0: 'name', 1: null, 2: 'monthCompleted' });
    expect(template.columns.map((c) => c.field)).toEqual(['name', null, 'monthCompleted']);
  });

  it.each([
    [['2026年1-11月全县重点项目建设进展情况表', '填报单位：县发改局'], 'Sheet1', '全县重点项目建设进展情况表'],
    [['2026年11月份重点项目月报'], '11月', '重点项目月报'],
    [[], '重点项目月报', '重点项目月报'],
    [['2026年11月'], '', '月报'],
  ])('is named after its title without the period: %j', (titles, sheet, name) => {
    expect(reportTemplateName(titles, sheet, '月报.xlsx')).toBe(name);
  });
});
