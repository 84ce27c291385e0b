// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportRow } from '../../../components/checklist/report-row';
import type { ChecklistActions } from '../../../components/checklist/checklist-actions';
import type { ChecklistItem } from '../../../shared/calc/checklist';
import { onZhPage } from '../zh-page';

afterEach(cleanup);

const actions = (): ChecklistActions => ({
  canEdit: () => true,
  canWrite: () => true,
  canEscalate: false,
  tickMilestone: vi.fn(() => ({ ok: true as const })),
  fileReport: vi.fn(() => ({ ok: true as const })),
  moveStage: vi.fn(() => ({ ok: true as const })),
  addProblem: vi.fn(() => ({ ok: true as const })),
  escalateProblem: vi.fn(() => ({ ok: true as const })),
  reportProblemProgress: vi.fn(() => ({ ok: true as const })),
  requestProblemClose: vi.fn(() => ({ ok: true as const })),
  confirmProblemClose: vi.fn(() => ({ ok: true as const })),
  returnProblemClose: vi.fn(() => ({ ok: true as const })),
});

const missing: ChecklistItem = {
  kind: 'report',
  projectId: 'p42',
  projectName: '临江港区物流园',
  recordId: 'p42:2026-03',
  title: '临江港区物流园',
  due: '2026-04-05',
  state: 'overdue',
  daysOverdue: 120,
  escalation: 'supervised',
  month: '2026-03',
  needsApproval: true,
  reminded: { by: 'm-admin', at: Date.UTC(2026, 7, 1, 1, 30) },
};

describe('a missing 月报 in the popup', () => {
  it('shows the 项目办’s 催报, and back-filing it says the 项目办 must approve it', async () => {
    const a = actions();
    render(<ReportRow item={missing} asOf="2026-08-03" project={undefined} actions={a} onFiled={() => {}} />, onZhPage);
    expect(screen.getByRole('note').textContent).toBe('项目办催报：请尽快报送 2026-03 月报（2026-08-01 09:30）');
    expect(document.querySelector('.needs-approval')?.textContent).toBe('待项目办审核');
    fireEvent.click(screen.getByRole('button', { name: '填报' }));
    const form = await screen.findByRole('form', { name: '临江港区物流园 · 2026-03 月报' });
    expect(form.textContent).toContain('须经项目办审核通过才计入');
  });
});

describe('correcting the last 月报 filed, from the popup', () => {
  it('opens the form with the filed values and files the correction', async () => {
    const { ProjectRow } = await import('../../../components/checklist/project-row');
    const { waitFor } = await import('@testing-library/react');
    const a = actions();
    a.loadReport = vi.fn(async () => ({ filed: { completedWan: 300, progress: '钢结构吊装', issues: '' }, needsApproval: false }));
    const onChanged = vi.fn();
    render(
      <ProjectRow
        project={{ id: 'p1', name: '智能装备产业园', stage: 'started', cumulativeWan: 1200, lastReportMonth: '2026-03' }}
        today="2026-04-03"
        stages={undefined}
        units={[]}
        actions={a}
        onChanged={onChanged}
      />,
      onZhPage,
    );
    fireEvent.click(screen.getByRole('button', { name: '更正 2026-03 月报' }));
    const figure = (await screen.findByLabelText('本月完成投资（万元）')) as HTMLInputElement;
    expect(figure.value).toBe('300');
    expect(a.loadReport).toHaveBeenCalledWith('p1', '2026-03');
    fireEvent.change(figure, { target: { value: '320' } });
    fireEvent.click(screen.getByRole('button', { name: '更正' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('已更正 智能装备产业园 2026-03 月报'));
    expect(a.fileReport).toHaveBeenCalledWith('p1', { month: '2026-03', completedWan: 320, progress: '钢结构吊装', issues: '' });
  });
});
