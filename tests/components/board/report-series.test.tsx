// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectDetails } from '../../../components/board/drill/project-details';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { alice, bob, newProject, replicaOf, sync } from '../../shared/model/fixtures';

afterEach(cleanup);

describe('the drill-down of a project whose 月报 merged into a decreasing series', () => {
  it('says which month needs correcting, and still lists every report', () => {
    const a = newProject();
    const b = replicaOf(a);
    fileMonthlyReport(a, { month: '2026-01', completedWan: 300, progress: '', issues: '' }, alice);
    fileMonthlyReport(b, { month: '2026-02', cumulativeWan: 120, progress: '', issues: '' }, bob);
    sync(a, b);
    render(<ProjectDetails read={readProjectDoc(a)} locale="zh-CN" names={new Map()} unitNames={new Map()} errors={new Map()} />);
    expect(screen.getByRole('alert').textContent).toBe('月报数据需要更正（可能是离线填报合并所致）：2026-02：累计完成投资不能比上月（2026-01：300 万元）少');
    expect(document.querySelectorAll('[data-report]')).toHaveLength(2);
  });
});

describe('the drill-down of a corrected 月报 (已更正)', () => {
  it('says who corrected it when, keeps the earlier figures readable, and shows 问题和建议', () => {
    const doc = newProject();
    fileMonthlyReport(doc, { month: '2026-02', completedWan: 500, progress: '主体施工', issues: '' }, alice);
    fileMonthlyReport(doc, { month: '2026-02', completedWan: 50, progress: '主体施工', issues: '资金缺口' }, { memberId: 'bob', at: Date.UTC(2026, 2, 4, 2) });
    const names = new Map([
      ['alice', '张伟'],
      ['bob', '王芳'],
    ]);
    render(<ProjectDetails read={readProjectDoc(doc)} locale="zh-CN" names={names} unitNames={new Map()} errors={new Map()} />);
    const line = document.querySelector('[data-report="2026-02"]')?.textContent ?? '';
    expect(line).toContain('问题和建议：资金缺口');
    expect(line).toContain('已更正（王芳，2026-03-04 10:00）');
    expect(line).toContain('原报：本月 500 万元，累计 500 万元（张伟，2026-03-01 10:00）');
  });
});

describe('correcting and back-filing 月报 from the drill-down', () => {
  it('更正 opens the form with the filed values; 补报 offers the missing months; both go to the model', async () => {
    const { fireEvent, waitFor } = await import('@testing-library/react');
    const doc = newProject();
    fileMonthlyReport(doc, { month: '2026-02', completedWan: 500, progress: '主体施工', issues: '资金缺口' }, alice);
    const onFile = vi.fn(() => ({ ok: true as const }));
    render(
      <ProjectDetails
        read={readProjectDoc(doc)}
        locale="zh-CN"
        names={new Map()}
        unitNames={new Map()}
        errors={new Map()}
        reportEdit={{ onFile, needsApproval: (m) => m < '2026-02', missingMonths: ['2026-01'] }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: '更正 2026-02 月报' }));
    expect((screen.getByLabelText('本月完成投资（万元）') as HTMLInputElement).value).toBe('500');
    fireEvent.change(screen.getByLabelText('本月完成投资（万元）'), { target: { value: '450' } });
    fireEvent.click(screen.getByRole('button', { name: '更正' }));
    await waitFor(() => expect(onFile).toHaveBeenCalledWith({ month: '2026-02', completedWan: 450, progress: '主体施工', issues: '资金缺口' }));

    expect((screen.getByLabelText('缺报月份') as HTMLSelectElement).value).toBe('2026-01');
    fireEvent.click(screen.getByRole('button', { name: '补报' }));
    expect(screen.getByRole('note').textContent).toContain('须经项目办审核通过才计入');
  });
});
