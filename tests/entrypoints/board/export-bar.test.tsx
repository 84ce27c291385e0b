// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../entrypoints/board/board-screen';
import type { ExportFile } from '../../../client/export/export-file';
import { AS_OF, summaryRead, workspaceRead } from './fixtures';

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
    const header = sheet.getRow(2).values;
    expect(Array.isArray(header) ? header.slice(1) : []).toHaveLength(17);
    expect(sheet.getRow(2).getCell(1).value).toBe('项目编号');
    expect(sheet.getRow(2).getCell(17).value).toBe('问题和建议');
    // XM-001 filed March: 110 this month, 310 this year; XM-002 did not.
    expect(sheet.getRow(3).getCell(1).value).toBe('XM-001');
    expect(sheet.getRow(3).getCell(7).value).toBe(310);
    expect(sheet.getRow(3).getCell(8).value).toBe(110);
    expect(sheet.getRow(4).getCell(8).value).toBeNull();
    expect(sheet.getRow(4).getCell(16).value).toBe('（本月未填报）');
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
    expect(text.startsWith('\uFEFF2026年2月全市项目建设情况通报\r\n')).toBe(true);
  });
});
