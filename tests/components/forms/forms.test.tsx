// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import { EscalateChoices } from '../../../components/forms/escalate-choices';
import { parseWan } from '../../../components/forms/parse-wan';
import { ReportForm } from '../../../components/forms/report-form';
import { onZhPage } from '../zh-page';

afterEach(cleanup);

describe('parseWan', () => {
  it('reads figures as people type them, full-width and with separators', () => {
    expect(parseWan('1200')).toBe(1200);
    expect(parseWan(' 1,200.5 ')).toBe(1200.5);
    expect(parseWan('１２００．５')).toBe(1200.5);
    expect(parseWan('1，200')).toBe(1200);
    expect(parseWan('.5')).toBe(0.5);
    expect(parseWan('-20')).toBe(-20);
    expect(parseWan('')).toBeNull();
    expect(parseWan('   ')).toBeNull();
    expect(parseWan('五百')).toBeNaN();
    expect(parseWan('12万')).toBeNaN();
    expect(parseWan('1.2.3')).toBeNaN();
  });
});

describe('report form', () => {
  it('passes the typed figure and progress, with the month, and no cumulative (the model derives it)', async () => {
    const onSubmit = vi.fn(() => ({ ok: true as const }));
    const onDone = vi.fn();
    render(
      <ReportForm projectName="城南污水处理厂" month="2026-03" previousCumulativeWan={0} onSubmit={onSubmit} onCancel={() => {}} onDone={onDone} />,
      onZhPage,
    );
    fireEvent.change(screen.getByLabelText('本月完成投资（万元）'), { target: { value: '１５０' } });
    expect(screen.getByText('今年累计将为 150 万元')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('形象进度'), { target: { value: '管网铺设 2 公里' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({ month: '2026-03', completedWan: 150, progress: '管网铺设 2 公里', issues: '' });
  });

  it('has the standard 问题和建议 column: what is typed there reaches the model', async () => {
    const onSubmit = vi.fn(() => ({ ok: true as const }));
    render(<ReportForm projectName="城南污水处理厂" month="2026-03" previousCumulativeWan={0} onSubmit={onSubmit} onCancel={() => {}} />, onZhPage);
    fireEvent.change(screen.getByLabelText('本月完成投资（万元）'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('问题和建议'), { target: { value: '用地指标未落实，建议协调自然资源局' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({ month: '2026-03', completedWan: 80, progress: '', issues: '用地指标未落实，建议协调自然资源局' });
  });

  it('corrects a filed month: opens with the filed values, says the 项目办 must approve a late correction', async () => {
    const onSubmit = vi.fn(() => ({ ok: true as const }));
    render(
      <ReportForm
        projectName="城南污水处理厂"
        month="2026-03"
        filed={{ completedWan: 150, progress: '管网铺设 2 公里', issues: '资金缺口' }}
        needsApproval
        onSubmit={onSubmit}
        onCancel={() => {}}
      />,
      onZhPage,
    );
    expect(screen.getByRole('form', { name: '更正 城南污水处理厂 · 2026-03 月报' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('须经项目办审核通过才计入');
    expect((screen.getByLabelText('问题和建议') as HTMLTextAreaElement).value).toBe('资金缺口');
    fireEvent.change(screen.getByLabelText('本月完成投资（万元）'), { target: { value: '105' } });
    fireEvent.click(screen.getByRole('button', { name: '更正' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({ month: '2026-03', completedWan: 105, progress: '管网铺设 2 公里', issues: '资金缺口' });
  });

  it('shows the model’s cumulative refusal at the figure field, in plain words', async () => {
    const onSubmit = vi.fn(() => ({
      ok: false as const,
      errors: [{ path: 'cumulativeWan', key: 'err.report.cumulativeDecreased' as const, params: { previous: 1800, month: '2026-02' } }],
    }));
    render(<ReportForm projectName="智能装备产业园" month="2026-03" onSubmit={onSubmit} onCancel={() => {}} />, onZhPage);
    const figure = screen.getByLabelText('本月完成投资（万元）');
    fireEvent.change(figure, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(figure.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toBe('累计完成投资不能比上月（2026-02：1800 万元）少');
  });

  it('turns a failure to open the document into a form-level message instead of an unhandled error', async () => {
    render(
      <ReportForm projectName="智能装备产业园" month="2026-03" onSubmit={() => Promise.reject(new Error('IndexedDB closed'))} onCancel={() => {}} />,
      onZhPage,
    );
    fireEvent.change(screen.getByLabelText('本月完成投资（万元）'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    expect((await screen.findByRole('alert')).textContent).toBe('保存失败，请重试');
  });
});

describe('escalate choices', () => {
  it('offers only the levels above the current one, in English too', () => {
    render(
      <LocaleProvider locale="en" messages={pageMessages}>
        <EscalateChoices current="reminded" onSubmit={() => ({ ok: true })} onCancel={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Escalate to Supervised', 'Cancel']);
  });
});
