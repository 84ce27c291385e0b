// @vitest-environment happy-dom
import { cleanup, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetsSection } from '../../../components/board/targets-section';
import { evaluateTargets } from '../../../shared/calc/targets';
import { targetLines } from '../../../client/view-models/board/target-lines';
import { row, target, workspace } from '../../shared/calc/campaign-fixtures';

afterEach(cleanup);

const growth = target('growth', {
  title: '全市固定资产投资增速',
  goal: 8,
  metric: { kind: 'manual', aggregate: 'latest', unitLabel: '%', values: { '2026-10': 8.2, '2026-11': 8.6 } },
});
const starts = target('kfg', { title: '全市开复工项目', goal: 10, metric: { kind: 'stageCount', stage: 'startedOrContinuing', filter: {} } });
const ws = workspace({ targets: [growth, starts] });
const rows = Array.from({ length: 10 }, (_, i) => (i < 6 ? row(`p${i}`, { stage: 'started', stageDates: { started: '2026-02-10' } }) : row(`p${i}`)));

function line(id: string, asOf: string): HTMLElement {
  render(<TargetsSection lines={targetLines(ws, evaluateTargets(ws, rows, asOf))} locale="zh-CN" />);
  const el = document.querySelector<HTMLElement>(`[data-target="${id}"]`);
  if (!el) throw new Error(`no row for ${id}`);
  return el;
}

describe('the targets table', () => {
  it('shows a growth rate against its goal: no 完成率, no 序时, no forecast, the gap in points above the goal', () => {
    const cells = [...line('growth', '2026-11-30').querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual(['全市固定资产投资增速', '全域', '8%', '8.60%', '—', '—', '高于目标 0.60 个百分点', '●绿', '—']);
    expect(cells.join(' ')).not.toMatch(/序时/);
  });
  it('caps the year-end forecast of a count at the projects that can still start', () => {
    const el = within(line('kfg', '2026-03-31'));
    // 6 of 10 by 31 March: 24 uncapped; 6 + the 4 not yet started = 10.
    expect(el.getByText('6 个')).toBeTruthy();
    expect(el.getAllByText('10 个')).toHaveLength(2);
  });
});
