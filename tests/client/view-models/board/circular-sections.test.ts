import { describe, expect, it } from 'vitest';
import { circularSections } from '../../../../client/view-models/board/circular-sections';
import { monthlyCircular } from '../../../../shared/calc/circular';
import { evaluateTargets } from '../../../../shared/calc/targets';
import { row, target, unit, workspace } from '../../../shared/calc/campaign-fixtures';

describe('the circular as a document', () => {
  const invest = target('invest', { title: '全市项目完成投资', goal: 250_000 });
  const growth = target('growth', {
    title: '固定资产投资增速',
    goal: 8,
    metric: { kind: 'manual', aggregate: 'rate', unitLabel: '%', values: { '2026-03': 9.1 } },
  });
  const starts = target('starts', { title: '新开工项目', goal: 10, metric: { kind: 'stageCount', stage: 'started', filter: {} } });
  const ws = workspace({ targets: [invest, growth, starts], units: [unit('c1', { name: '东城区' }), unit('c2', { name: '西城区' })] });
  const rows = [
    row('a', { countyId: 'c1', annualPlanWan: 200_000, completedByMonth: { '2026-02': 61_800 }, stage: 'started', stageDates: { started: '2026-02-01' } }),
    row('b', { countyId: 'c2', annualPlanWan: 50_000, completedByMonth: { '2026-03': 500 } }),
  ];
  const circular = monthlyCircular(ws, rows, evaluateTargets(ws, rows, '2026-03-31'), '2026-03', '2026-04-08');
  const [targets] = circularSections(circular, 'zh-CN');

  it('prints each target’s figures with their units, and a rate against its goal without 序时', () => {
    expect(targets?.parts[0]?.rows).toEqual([
      ['全市项目完成投资', '全域', '25 亿元', '6.23 亿元', '24.92%', '25.00%', '落后序时进度 0.08 个百分点', '黄'],
      ['固定资产投资增速', '全域', '8%', '9.10%', '—', '—', '高于目标 1.10 个百分点', '绿'],
      ['新开工项目', '全域', '10 个', '1 个', '10.00%', '25.00%', '落后序时进度 15.00 个百分点', '红'],
    ]);
  });
  it('praises a rate above its goal in its own words, never as 超序时', () => {
    const lines = circular.praised.map((e) => e.reasonKey);
    expect(lines).toContain('circular.praise.rateAbove');
    const rate = circular.praised.find((e) => e.reasonKey === 'circular.praise.rateAbove');
    expect(rate && circularSections({ ...circular, praised: [rate] }, 'zh-CN')[3]?.parts[0]?.rows).toEqual([
      ['某市项目建设年：“固定资产投资增速”为 9.10%，高于目标 1.10 个百分点'],
    ]);
  });
});
