import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../../shared/calc/targets';
import { targetLines } from '../../../../client/view-models/board/target-lines';
import { row, target, workspace } from '../../../shared/calc/campaign-fixtures';

describe('target lines', () => {
  it('a money target’s title loses a typed （万元）: its cells read 亿元 from 1 亿 on', () => {
    const money = target('invest', { title: '全市项目完成投资（万元）', goal: 250_000 });
    const count = target('count', { title: '新开工项目（个）', metric: { kind: 'stageCount', stage: 'started', filter: {} } });
    const ws = workspace({ targets: [money, count] });
    const lines = targetLines(ws, evaluateTargets(ws, [row('p', { completedByMonth: { '2026-01': 12_000 } })], '2026-01-31'));
    expect(lines.map((l) => [l.title, l.measure])).toEqual([
      ['全市项目完成投资', 'money'],
      ['新开工项目（个）', 'count'],
    ]);
  });
  it('a rate target is a manual line with its unit and no 序时', () => {
    const rate = target('growth', {
      title: '固定资产投资增速',
      goal: 8,
      metric: { kind: 'manual', aggregate: 'rate', unitLabel: '%', values: { '2026-01': 9 } },
    });
    const ws = workspace({ targets: [rate] });
    const [line] = targetLines(ws, evaluateTargets(ws, [], '2026-01-31'));
    expect(line).toMatchObject({ measure: 'manual', unitLabel: '%', result: { actual: 9, expectedShare: null, forecast: null, gapPoints: 1 } });
  });
});
