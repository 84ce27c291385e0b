// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChecklistView } from '../../../components/checklist/checklist-view';
import type { ChecklistActions } from '../../../components/checklist/checklist-actions';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import type { ChecklistData } from '../../../client/view-models/checklist/checklist-data';
import type { ChecklistItem } from '../../../shared/calc/checklist';
import { READ_ONLY_ACTIONS } from '../../../entrypoints/popup/read-only-actions';

afterEach(cleanup);

const waiting: ChecklistItem = {
  kind: 'problem',
  projectId: 'p9',
  projectName: '化工园区污水管网',
  recordId: 'q-eco',
  title: '环评批复未下达',
  due: '2026-04-20',
  state: 'later',
  daysOverdue: 0,
  escalation: 'supervised',
  problem: { status: 'closeRequested', duty: 'confirm' },
};

function data(items: ChecklistItem[], extra: Partial<ChecklistData> = {}): ChecklistData {
  return { asOf: '2026-04-03', items, targets: [], projects: [], invalid: [], units: [], ...extra };
}

function view(d: ChecklistData, actions: ChecklistActions) {
  return render(
    <LocaleProvider locale="zh-CN" messages={pageMessages}>
      <ChecklistView data={d} actions={actions} />
    </LocaleProvider>,
  );
}

describe('a 销号 request in the 项目办’s popup', () => {
  it('sits in 待确认销号 with 确认销号 and 退回; a refusal (one’s own request) is said at the row, then a confirmation goes through', async () => {
    const confirm = vi
      .fn<ChecklistActions['confirmProblemClose']>()
      .mockReturnValueOnce({ ok: false, errors: [{ path: 'status', key: 'err.model.problem.selfConfirm', params: {} }] })
      .mockReturnValueOnce({ ok: true });
    view(data([waiting]), { ...READ_ONLY_ACTIONS, canWrite: () => true, canEscalate: false, confirmProblemClose: confirm });
    const section = screen.getByRole('region', { name: '待确认销号' });
    const row = within(section).getByText('环评批复未下达').closest('li')!;
    expect(
      within(row)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['确认销号', '退回']);
    // red: the 督办单's colour is named on the slip
    expect(row.querySelector('.escalation')?.getAttribute('title')).toContain('红色督办单');

    fireEvent.click(within(row).getByRole('button', { name: '确认销号' }));
    fireEvent.click(within(row).getByRole('button', { name: '确认销号（记入台账）' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('不能确认自己提出的销号申请，须由项目办或督查确认');
    fireEvent.click(within(row).getByRole('button', { name: '确认销号（记入台账）' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已确认销号'));
    expect(confirm).toHaveBeenCalledWith('p9', 'q-eco');
  });

  it('退回 needs its reason at the field', async () => {
    const back = vi.fn<ChecklistActions['returnProblemClose']>(() => ({
      ok: false,
      errors: [{ path: 'returned.reason', key: 'err.problem.returnReasonRequired', params: {} }],
    }));
    view(data([waiting]), { ...READ_ONLY_ACTIONS, canWrite: () => true, returnProblemClose: back });
    const row = screen.getByText('环评批复未下达').closest('li')!;
    fireEvent.click(within(row).getByRole('button', { name: '退回' }));
    const reason = await screen.findByLabelText('退回理由');
    fireEvent.click(within(row).getByRole('button', { name: '退回' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(reason.getAttribute('aria-describedby')!)?.textContent).toBe('退回须写明理由');
  });
});

describe('problems I raised', () => {
  it('lists each with its status and 责任人, with nothing to click', () => {
    view(
      data([], {
        raised: [
          {
            projectId: 'p9',
            projectName: '化工园区污水管网',
            recordId: 'q-eco',
            title: '环评批复未下达',
            deadline: '2026-04-20',
            status: 'closeRequested',
            escalation: 'assigned',
            responsibleId: 'm-deng',
            responsibleName: '邓楠艺',
          },
          {
            projectId: 'p9',
            projectName: '化工园区污水管网',
            recordId: 'q-old',
            title: '施工用电未接入',
            deadline: '2026-03-01',
            status: 'resolved',
            escalation: 'assigned',
            responsibleId: 'm-deng',
            responsibleName: '邓楠艺',
          },
        ],
      }),
      { ...READ_ONLY_ACTIONS, canWrite: () => true },
    );
    const section = screen.getByRole('region', { name: '我提出的问题' });
    const row = within(section).getByText('环评批复未下达').closest('li')!;
    expect(row.textContent).toContain('待确认销号');
    expect(row.textContent).toContain('责任人：邓楠艺');
    expect(within(row).queryAllByRole('button')).toHaveLength(0);
    // the closed one is folded away under 已销号
    expect(within(section).getByText('施工用电未接入').closest('details')?.querySelector('summary')?.textContent).toBe('已销号（1）');
  });
});
