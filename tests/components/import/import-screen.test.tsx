// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPreviewView } from '../../../client/view-models/import/preview-view';
import { ImportScreen, type ImportScreenProps } from '../../../components/import/import-screen';
import { BoardHeader } from '../../../components/board/board-header';
import { buildPreview } from '../../../shared/import/preview';
import { countyContext, countyMonthlySheet, sheetOf } from '../../shared/import/sheet-fixtures';

afterEach(cleanup);

function props(over: Partial<ImportScreenProps> = {}): ImportScreenProps {
  let n = 0;
  const preview = buildPreview(countyMonthlySheet(), countyContext(), { today: '2026-12-03', newId: () => `p-${++n}` });
  return {
    locale: 'zh-CN',
    phase: 'preview',
    busy: null,
    fileError: null,
    fileName: '11月.xlsx',
    sheetNames: ['11月'],
    sheetIndex: 0,
    kind: 'monthly',
    month: '2026-11',
    view: importPreviewView(preview, 'zh-CN'),
    filter: 'all',
    result: null,
    backHref: '/board.html',
    onFile: vi.fn(),
    onSheet: vi.fn(),
    onKind: vi.fn(),
    onMonth: vi.fn(),
    onMapping: vi.fn(),
    onFilter: vi.fn(),
    onConfirm: vi.fn(),
    onReset: vi.fn(),
    ...over,
  };
}

describe('ImportScreen', () => {
  it("says when the 月报 layout is kept for the board's export, before and after confirming, and not otherwise", () => {
    const first = render(<ImportScreen {...props()} />);
    expect(screen.queryByTestId('import-template-kept')).toBeNull();
    first.unmount();
    const kept = render(<ImportScreen {...props({ templateKept: '全县重点项目建设进展情况表' })} />);
    expect(screen.getByTestId('import-template-kept').textContent).toContain('已在本机保存此月报的格式“全县重点项目建设进展情况表”');
    kept.unmount();
    render(<ImportScreen {...props({ phase: 'done', result: { applied: 3, failed: [], synced: true }, templateKept: '月报' })} />);
    expect(screen.getByTestId('import-template-kept').textContent).toContain('“月报”');
  });

  it('shows the counts and every row, lets the user remap a column and confirms the rows to write', () => {
    const p = props();
    render(<ImportScreen {...p} />);
    expect(screen.getByTestId('import-counts').textContent).toBe('新增 2 · 有变化 1 · 有错误 1 · 跳过 6');
    expect(document.querySelector('tr[data-row="11"]')?.textContent).toContain('“约5000”不是金额');
    fireEvent.change(screen.getByLabelText('E 建设内容及规模'), { target: { value: 'progress' } });
    expect(p.onMapping).toHaveBeenCalledWith(4, 'progress');
    fireEvent.click(screen.getByRole('button', { name: '确认导入 3 行' }));
    expect(p.onConfirm).toHaveBeenCalledOnce();
  });

  it('blocks confirming while the sheet has a problem, and says what is wrong with the file', () => {
    const blocked = buildPreview(
      sheetOf([
        ['项目名称', '本月完成投资'],
        ['城南污水处理厂', 100],
      ]),
      countyContext(),
      { today: '2026-12-03', newId: () => 'x' },
    );
    render(
      <ImportScreen
        {...props({ view: importPreviewView(blocked, 'zh-CN'), fileError: '不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入' })}
      />,
    );
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toContain('表中看不出是哪个月的月报，请选择月份');
    expect(alerts).toContain('不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
    expect((screen.getByRole('button', { name: '没有需要写入的行' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('BoardHeader', () => {
  it('links to 导入 when given the page’s address, and never on the wall or read-only', () => {
    const base = { title: '安平县', campaignName: '项目建设年', asOf: '2026-12-03', locale: 'zh-CN' as const };
    const { rerender } = render(<BoardHeader {...base} wall={false} readOnly={false} importHref="/import.html?ws=k" />);
    expect(screen.getByRole('link', { name: '导入' }).getAttribute('href')).toBe('/import.html?ws=k');
    rerender(<BoardHeader {...base} wall={false} readOnly={true} importHref="/import.html?ws=k" />);
    expect(screen.queryByRole('link', { name: '导入' })).toBeNull();
    rerender(<BoardHeader {...base} wall={false} readOnly={false} />);
    expect(screen.queryByRole('link', { name: '导入' })).toBeNull();
  });
});
