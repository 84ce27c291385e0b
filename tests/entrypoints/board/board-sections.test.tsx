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
  it("counts projects per stage and follows the board's unit and category filter (no second filter of its own)", () => {
    renderBoard();
    const pipeline = section(/项目阶段分布/);
    const count = (stage: string) => pipeline.querySelector(`[data-stage="${stage}"]`)?.textContent;
    expect([count('planning'), count('signed'), count('preparation'), count('started'), count('completed')]).toEqual(['1', '0', '1', '1', '0']);
    expect(within(pipeline).getByText('合计 3 个项目')).toBeTruthy();

    expect(within(pipeline).queryAllByRole('combobox')).toHaveLength(0);
    const unit = screen.getByRole('combobox', { name: '责任单位' });
    const category = screen.getByRole('combobox', { name: '项目类型' });
    fireEvent.change(unit, { target: { value: 'u-east' } });
    expect([count('planning'), count('preparation'), count('started')]).toEqual(['0', '0', '1']);
    fireEvent.change(unit, { target: { value: '' } });
    fireEvent.change(category, { target: { value: 'agriculture' } });
    expect([count('planning'), count('preparation'), count('started')]).toEqual(['1', '0', '0']);
  });

  it('shows 落地率, 开工率, 竣工率 and 投产率 together, with their parts and formulas, for the unit the filter picks', () => {
    renderBoard();
    const pipeline = section(/项目阶段分布/);
    const rate = (kind: string) => pipeline.querySelector(`[data-rate="${kind}"]`)?.textContent;
    expect(within(pipeline).getByText('落地率 · 开工率 · 竣工率 · 投产率（全部，本年度）')).toBeTruthy();
    // 临港物流园 was signed this year and has not started: 0/1; 智能装备产业园 was planned to start in March and did: 1/1.
    expect(rate('landingRate')).toBe('落地率0.00%0/1');
    expect(rate('startRate')).toBe('开工率100.00%1/1');
    expect(rate('completionRate')).toBe('竣工率无（分母为 0）0/0');
    expect(rate('productionRate')).toBe('投产率无（分母为 0）0/0');
    expect(within(pipeline).getByText(/^落地率 = 本期签约的招商引资项目中已开工的个数/)).toBeTruthy();

    // the board's one filter (its 责任单位 choice) narrows the pipeline and its rates, and the title says to what
    fireEvent.change(document.querySelector<HTMLSelectElement>('select[name="unit"]')!, { target: { value: 'u-east' } });
    expect(within(section(/项目阶段分布/)).getByText('落地率 · 开工率 · 竣工率 · 投产率（东城区，本年度）')).toBeTruthy();
    // 东城区's one project was signed last year: nothing to land this year.
    expect(rate('landingRate')).toBe('落地率无（分母为 0）0/0');
    expect(rate('startRate')).toBe('开工率100.00%1/1');
  });
});

describe('rankings', () => {
  it('ranks 县区, 市直部门 and 市级领导 each in its own table, with the formula beside each ranking', async () => {
    renderBoard();
    const rankings = await screen.findByRole('region', { name: /工作排行榜/ });
    // No 行业专班 in this workspace: no empty table for them.
    const tables = [...rankings.querySelectorAll<HTMLElement>('[data-ranking="investmentShare"]')];
    expect(tables.map((t) => t.dataset.subject)).toEqual(['county', 'department', 'leader']);
    expect(tables.map((t) => t.querySelector('h3')?.textContent)).toEqual(['县区排名', '市直部门排名', '市级领导（按包联项目）排名']);
    expect(within(rankings).getAllByText(/^计算公式：投资完成率 = 本期累计完成投资 ÷ 投资任务 × 100%/)).toHaveLength(3);
    const [counties, departments, leaders] = tables as [HTMLElement, HTMLElement, HTMLElement];
    // 东城区 has a task of 1300 万元 (its target): 310 ÷ 1300 = 23.85%, the figure of its row in the targets table.
    const east = counties.querySelector('[data-entry="u-east"]')!;
    expect(east.textContent).toContain('23.85%');
    expect(east.textContent).toContain('310 万元/1300 万元');
    expect(within(targetRow('t-east')).getByText('23.85%')).toBeTruthy();
    // Departments among themselves: 发改委 0 of 400; 工信局 plans nothing this year: no rate, last.
    expect(departments.querySelector('[data-entry="u-dev"]')!.textContent).toContain('0 万元/400 万元');
    expect(departments.querySelector('[data-entry="u-ind"]')!.textContent).toContain('无（分母为 0）');
    expect(counties.querySelector('[data-entry="u-dev"]')).toBeNull();
    // 赵强 (市级领导) leads 智能装备产业园: 310 ÷ 600. 李明 only owns it: no leader to rank.
    expect(leaders.querySelector('[data-entry="m-zhao"]')!.textContent).toContain('51.67%');
    expect(leaders.querySelector('[data-entry="m-li"]')).toBeNull();

    fireEvent.change(within(rankings).getByRole('combobox'), { target: { value: 'paceGap' } });
    expect(within(rankings).getAllByText(/^计算公式：序时进度差 = 投资完成率 − 序时进度/)).toHaveLength(3);
    // 23.85% − 25% = −1.15 points: 落后序时进度 1.15, as the target row says.
    expect(rankings.querySelector('[data-entry="u-east"]')!.textContent).toContain('−1.15');
  });

  it('offers 落地率 among the outcomes', async () => {
    renderBoard();
    const rankings = await screen.findByRole('region', { name: /工作排行榜/ });
    fireEvent.change(within(rankings).getByRole('combobox'), { target: { value: 'landingRate' } });
    expect(within(rankings).getAllByText(/^计算公式：落地率 = /)).toHaveLength(3);
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
    expect(praised.textContent).toContain('“全年完成投资”完成 31.00%，超序时进度 6.00 个百分点');
    // 县区 and 市直部门 are ranked apart: 东城区 is never compared with the departments.
    const units = circular.querySelector('[data-circular="unitRankings"]')!;
    expect(within(units as HTMLElement).getByText('县区 · 投资完成率')).toBeTruthy();
    expect(within(units as HTMLElement).getByText('市直部门 · 投资完成率')).toBeTruthy();
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
