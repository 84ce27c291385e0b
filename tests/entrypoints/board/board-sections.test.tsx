// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../entrypoints/board/board-screen';
import { AS_OF, ROWS, summaryRead, workspaceRead } from './fixtures';

afterEach(cleanup);

function renderBoard(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return render(<BoardScreen locale={locale} workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} />);
}

function section(name: RegExp): HTMLElement {
  return screen.getByRole('region', { name });
}

function targetRow(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-target="${id}"]`);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

describe('targets against 序时进度', () => {
  it('shows goal, actual, share, 序时, the gap in words, the light and the forecast', () => {
    renderBoard();
    const invest = within(targetRow('t-invest'));
    expect(invest.getByText('1000 万元')).toBeTruthy();
    expect(invest.getByText('310 万元')).toBeTruthy();
    expect(invest.getByText('31.00%')).toBeTruthy();
    expect(invest.getByText('25.00%')).toBeTruthy();
    expect(invest.getByText('超序时进度 6.00 个百分点')).toBeTruthy();
    expect(invest.getByText('绿')).toBeTruthy();
    expect(invest.getByText('1240 万元')).toBeTruthy();

    const start = within(targetRow('t-start'));
    expect(start.getByText('10.00%')).toBeTruthy();
    expect(start.getByText('落后序时进度 15.00 个百分点')).toBeTruthy();
    expect(start.getByText('红')).toBeTruthy();
    // 1 ÷ 25% would be 4, but only 3 projects exist.
    expect(start.getByText('3 个')).toBeTruthy();

    const east = within(targetRow('t-east'));
    expect(east.getByText('单位：东城区')).toBeTruthy();
    expect(east.getByText('落后序时进度 1.15 个百分点')).toBeTruthy();
    expect(east.getByText('黄')).toBeTruthy();
  });

  it('speaks English when asked', () => {
    renderBoard('en');
    expect(within(targetRow('t-invest')).getByText('6.00 points ahead of pace')).toBeTruthy();
    expect(within(targetRow('t-start')).getByText('Red')).toBeTruthy();
  });

  it('names the current quarter theme', () => {
    renderBoard();
    expect(within(section(/季度主题/)).getByText('当前：第2季度 · 双过半')).toBeTruthy();
  });
});

describe('stage pipeline', () => {
  it('counts projects per stage and follows the unit and category filters', () => {
    renderBoard();
    const pipeline = section(/项目阶段分布/);
    const count = (stage: string) => pipeline.querySelector(`[data-stage="${stage}"]`)?.textContent;
    expect([count('planning'), count('signed'), count('preparation'), count('started'), count('completed')]).toEqual(['1', '0', '1', '1', '0']);
    expect(within(pipeline).getByText('合计 3 个项目')).toBeTruthy();

    const [unit, category] = within(pipeline).getAllByRole('combobox');
    fireEvent.change(unit!, { target: { value: 'u-east' } });
    expect([count('planning'), count('preparation'), count('started')]).toEqual(['0', '0', '1']);
    fireEvent.change(unit!, { target: { value: '' } });
    fireEvent.change(category!, { target: { value: 'agriculture' } });
    expect([count('planning'), count('preparation'), count('started')]).toEqual(['1', '0', '0']);
  });
});

describe('rankings', () => {
  it('ranks units and members with the formula beside each ranking', async () => {
    renderBoard();
    const rankings = await screen.findByRole('region', { name: /工作排行榜/ });
    const formulas = within(rankings).getAllByText('计算公式：投资完成率 = 本期累计完成投资 ÷ 今年计划投资 × 100%');
    expect(formulas).toHaveLength(2);
    const units = rankings.querySelector('[data-ranking="investmentShare"]')!;
    const east = units.querySelector('[data-entry="u-east"]')!;
    // 310 ÷ 600 = 51.67%; 工信局 plans nothing this year: no rate, last.
    expect(east.textContent).toContain('51.67%');
    expect(east.textContent).toContain('310/600');
    expect(units.querySelector('[data-entry="u-ind"]')!.textContent).toContain('无（分母为 0）');
    // 李明 owns and 赵强 leads the same project: they share first place.
    const members = rankings.querySelectorAll('[data-ranking="investmentShare"]')[1]!;
    expect(members.querySelector('[data-entry="m-li"] td')!.textContent).toBe('1');
    expect(members.querySelector('[data-entry="m-zhao"] td')!.textContent).toBe('1');

    fireEvent.change(within(rankings).getByRole('combobox'), { target: { value: 'paceGap' } });
    expect(within(rankings).getAllByText('计算公式：序时进度差 = 投资完成率 − 序时进度（百分点）')).toHaveLength(2);
    // 51.67% − 25% = +26.67 points.
    expect(rankings.querySelector('[data-entry="u-east"]')!.textContent).toContain('+26.67');
  });
});

describe('problems by department', () => {
  it('groups open problems by the department that answers, with the effective level and days overdue', () => {
    renderBoard();
    const problems = section(/问题清单/);
    const groups = [...problems.querySelectorAll<HTMLElement>('[data-department]')];
    expect(groups.map((g) => g.dataset.department)).toEqual(['u-ind', 'u-dev']);
    const land = groups[0]!.querySelector('[data-problem="q-land"]')!;
    expect(land.getAttribute('data-level')).toBe('supervised');
    expect(land.textContent).toContain('督办');
    expect(land.textContent).toContain('14 天');
    expect(land.textContent).toContain('王芳');
    const power = groups[1]!.querySelector('[data-problem="q-power"]')!;
    expect(power.getAttribute('data-level')).toBe('reminded');
    expect(power.textContent).toContain('1 天');
  });
});

describe('who has not filed', () => {
  it('lists the projects without a figure for last month, by unit, with the due day', () => {
    renderBoard();
    const list = section(/2026-03 月报未报送/);
    expect(within(list).getByText('共 2 个项目未报送，报送截止 2026-04-05')).toBeTruthy();
    expect([...list.querySelectorAll('[data-project]')].map((r) => r.getAttribute('data-project'))).toEqual(['p2', 'p3']);
  });
});

describe('the monthly circular', () => {
  it('reads as a document: title, targets, rankings with formulas, praised, criticised, missing reports', async () => {
    renderBoard();
    const circular = await screen.findByRole('region', { name: /月度通报/ });
    expect(await within(circular).findByText('2026年3月全市项目建设情况通报')).toBeTruthy();
    for (const key of ['targets', 'unitRankings', 'memberRankings', 'praised', 'criticised', 'notFiled']) {
      expect(circular.querySelector(`[data-circular="${key}"]`)).not.toBeNull();
    }
    const praised = circular.querySelector('[data-circular="praised"]')!;
    expect(praised.textContent).toContain('东城区：投资完成率排名第一（51.67%）');
    const notFiled = circular.querySelector('[data-circular="notFiled"]')!;
    expect(notFiled.textContent).toContain('临港物流园');
    expect(notFiled.textContent).toContain('高标准农田');
    expect(notFiled.textContent).not.toContain('智能装备产业园');
  });
});

describe('invalid records', () => {
  it('names a summary row another replica wrote badly and keeps the rest of the board', () => {
    const bad = { ok: false as const, id: 'p9', reasons: [{ path: 'totalInvestmentWan', key: 'err.money.negative' as const, params: {} }], raw: {} };
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead(ROWS, [bad])} asOf={AS_OF} mode="extension" charts={false} />);
    expect(screen.getByText('1 条记录无效，未计入看板')).toBeTruthy();
    expect(screen.getByText(/p9: 记录无效：totalInvestmentWan: /)).toBeTruthy();
    expect(within(targetRow('t-invest')).getByText('310 万元')).toBeTruthy();
  });
});
