// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
