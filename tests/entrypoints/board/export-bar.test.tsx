// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../entrypoints/board/board-screen';
import type { ExportFile } from '../../../client/export/export-file';
import { AS_OF, summaryRead, workspaceRead } from './fixtures';
import { SIGNED, ZH_SIGNED_LINE } from '../../client/export/anchor-fixtures';

afterEach(cleanup);

describe('export from the board', () => {
  it("exports last month's 月报 as xlsx with the 17 columns and each project's figures in 万元", async () => {
    const files: ExportFile[] = [];
    render(
      <BoardScreen
        locale="zh-CN"
        workspace={workspaceRead()}
        summary={summaryRead()}
        asOf={AS_OF}
        mode="extension"
        charts={false}
        onExport={(f) => files.push(f)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: '月报 Excel' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const file = files[0]!;
    expect(file.filename).toBe('2026年3月重点项目建设月报.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // The county form: title, header block, two header rows (序号, the 17 columns, 所在县区), 合计, sections.
    expect(sheet.getRow(4).getCell(2).value).toBe('项目编号');
    expect(sheet.getRow(4).getCell(18).value).toBe('问题和建议');
    expect(String(sheet.getRow(5).getCell(1).value)).toMatch(/^合计/);
    const byCode = new Map<unknown, ExcelJS.Row>();
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') byCode.set(row.getCell(2).value, row);
    });
    // XM-001 filed March: 110 this month, 310 this year; XM-002 did not: 未报送, 本月 blank.
    expect(byCode.get('XM-001')?.getCell(8).value).toBe(310);
    expect(byCode.get('XM-001')?.getCell(9).value).toBe(110);
    expect(byCode.get('XM-002')?.getCell(9).value).toBeNull();
    expect(byCode.get('XM-002')?.getCell(17).value).toBe('未报送');
  });

  it('exports the circular of the month picked in the circular section as CSV', async () => {
    const files: ExportFile[] = [];
    render(
      <BoardScreen
        locale="zh-CN"
        workspace={workspaceRead()}
        summary={summaryRead()}
        asOf={AS_OF}
        mode="extension"
        charts={false}
        onExport={(f) => files.push(f)}
      />,
    );
    const circular = await screen.findByRole('region', { name: /月度通报/ });
    fireEvent.change(circular.querySelector('select')!, { target: { value: '2026-02' } });
    fireEvent.click(screen.getByRole('button', { name: '通报 CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[0]!.bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n2026年2月全市项目建设情况通报\r\n');
  });

  it('opens the printable 通报 as a board route, keeps the 下步工作 typed there across a reload, and exports it as .docx', async () => {
    localStorage.clear();
    const files: ExportFile[] = [];
    const screenProps = {
      locale: 'zh-CN' as const,
      workspace: workspaceRead(),
      summary: summaryRead(),
      asOf: AS_OF,
      mode: 'extension' as const,
      charts: false,
      onExport: (f: ExportFile) => files.push(f),
    };
    const first = render(<BoardScreen {...screenProps} />);
    fireEvent.click(await screen.findByRole('button', { name: '通报（打印）' }));
    expect(window.location.hash).toBe('#circular/2026-03');
    // The page loads on demand.
    await screen.findByRole('heading', { name: '一、总体情况' });
    for (const heading of ['一、总体情况', '二、主要指标完成情况', '三、排名情况', '四、存在问题', '五、下步工作', '六、表扬和通报批评'])
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
    const editor = screen.getByRole('textbox', { name: '下步工作' });
    fireEvent.change(editor, { target: { value: '一是4月10日前召开全市项目调度会。' } });
    fireEvent.change(screen.getByRole('textbox', { name: '存在问题' }), { target: { value: '一是部分项目要素保障不到位。' } });
    first.unmount();

    // A reload: the route and the text are still there.
    render(<BoardScreen {...screenProps} />);
    const again = await screen.findByRole('textbox', { name: '下步工作' });
    expect((again as HTMLTextAreaElement).value).toBe('一是4月10日前召开全市项目调度会。');
    expect((screen.getByRole('textbox', { name: '存在问题' }) as HTMLTextAreaElement).value).toBe('一是部分项目要素保障不到位。');
    fireEvent.click(screen.getByRole('button', { name: '通报 Word' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.filename).toBe('2026年3月全市项目建设情况通报.docx');
    fireEvent.click(screen.getByRole('button', { name: '返回看板' }));
    expect(window.location.hash).toBe('');
    expect(await screen.findByRole('button', { name: '月报 Excel' })).toBeTruthy();
  });

  it('asks for the latest signed digest at each export: the 月报 xlsx, the print page and its .docx carry its line', async () => {
    localStorage.clear();
    const files: ExportFile[] = [];
    let asked = 0;
    const loadAnchor = async () => {
      asked += 1;
      return SIGNED;
    };
    render(
      <BoardScreen
        locale="zh-CN"
        workspace={workspaceRead()}
        summary={summaryRead()}
        asOf={AS_OF}
        mode="extension"
        charts={false}
        onExport={(f) => files.push(f)}
        loadAnchor={loadAnchor}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '月报 Excel' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(asked).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files[0]!.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
    expect(texts).toContain(ZH_SIGNED_LINE);

    fireEvent.click(screen.getByRole('button', { name: '通报（打印）' }));
    expect(await screen.findByText(ZH_SIGNED_LINE)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '通报 Word' }));
    await waitFor(() => expect(files).toHaveLength(2));
    const xml = await (await JSZip.loadAsync(files[1]!.bytes)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(ZH_SIGNED_LINE);
    fireEvent.click(screen.getByRole('button', { name: '返回看板' }));
  });

  it("offers the 月报 in the office's imported template only when one is kept, naming it, and exports in its layout", async () => {
    const files: ExportFile[] = [];
    const screenProps = {
      locale: 'zh-CN' as const,
      workspace: workspaceRead(),
      summary: summaryRead(),
      asOf: AS_OF,
      mode: 'extension' as const,
      charts: false,
      onExport: (f: ExportFile) => files.push(f),
    };
    const plain = render(<BoardScreen {...screenProps} />);
    await screen.findByRole('button', { name: '月报 Excel' });
    expect(screen.queryByRole('button', { name: /按导入模板/ })).toBeNull();
    plain.unmount();

    const reportTemplate = {
      name: '全县重点项目建设进展情况表',
      savedAt: 0,
      template: {
        columns: [
          { field: 'seq' as const, header: '序号' },
          { field: 'name' as const, header: '项目名称' },
          { field: null, header: '责任人' },
          { field: 'cumulativeCompleted' as const, header: '2026年1-11月完成投资 › 累计' },
          { field: 'monthCompleted' as const, header: '2026年1-11月完成投资 › 其中：本月' },
          { field: 'remark' as const, header: '备注' },
        ],
      },
    };
    render(<BoardScreen {...screenProps} reportTemplate={reportTemplate} />);
    const button = await screen.findByRole('button', { name: '月报（按导入模板“全县重点项目建设进展情况表”）' });
    // beside the county form's 月报 buttons
    expect([...document.querySelectorAll('.export-bar button')].slice(0, 4).map((b) => b.getAttribute('data-export'))).toEqual([
      'report/xlsx',
      'report/csv',
      'reportTemplate/xlsx',
      'circular/xlsx',
    ]);
    fireEvent.click(button);
    await waitFor(() => expect(files).toHaveLength(1));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files[0]!.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(files[0]!.filename).toBe('2026年3月重点项目建设月报.xlsx');
    expect([1, 2, 3, 4, 6].map((c) => sheet.getRow(3).getCell(c).value)).toEqual(['序号', '项目名称', '责任人', '2026年1-3月完成投资', '备注']);
    expect([4, 5].map((c) => sheet.getRow(4).getCell(c).value)).toEqual(['累计', '其中：本月']);
    const byName = new Map<unknown, ExcelJS.Row>();
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') byName.set(row.getCell(2).value, row);
    });
    // XM-001 filed March: 310 this year, 110 this month; XM-002 did not: 未报送 in 备注; 责任人 left blank
    expect(byName.get('智能装备产业园')?.getCell(4).value).toBe(310);
    expect(byName.get('智能装备产业园')?.getCell(5).value).toBe(110);
    expect(byName.get('智能装备产业园')?.getCell(3).value).toBeNull();
    expect(byName.get('临港物流园')?.getCell(6).value).toBe('未报送');
  });
});
