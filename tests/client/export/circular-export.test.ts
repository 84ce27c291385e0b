import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportCircular } from '../../../client/export/circular-export';
import { monthlyCircular } from '../../../shared/calc/circular';
import { countyBoard, evaluateTargets } from './fixtures';

describe('circular export', () => {
  const { workspace, rows } = countyBoard();
  const circular = monthlyCircular(workspace, rows, evaluateTargets(workspace, rows, '2026-05-31'), '2026-05', '2026-06-15');

  it("writes the circular as one sheet with its sections and each ranking's formula", async () => {
    const file = await exportCircular(circular, 'xlsx', 'zh-CN');
    expect(file.filename).toBe('2026年5月全市项目建设情况通报.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const firstCells: string[] = [];
    sheet.eachRow((row) => firstCells.push(String(row.getCell(1).value ?? '')));
    expect(firstCells[0]).toBe('2026年5月全市项目建设情况通报');
    expect(firstCells).toContain('目标完成情况');
    // Each kind of unit ranked among itself, the leaders on their 包联 projects.
    expect(firstCells).toContain('单位排名 · 县区 · 投资完成率');
    expect(firstCells).toContain('单位排名 · 市直部门 · 投资完成率');
    expect(firstCells).toContain('单位排名 · 行业专班 · 投资完成率');
    expect(firstCells.some((c) => c.startsWith('计算公式：投资完成率 = 本期累计完成投资 ÷ 投资任务 × 100%'))).toBe(true);
    expect(firstCells).toContain('领导排名（按包联项目） · 问题办结率');
    expect(firstCells).toContain('表扬');
    expect(firstCells).toContain('批评');
    expect(firstCells).toContain('未按时报送月报');
    // Every project without a May figure is listed under 未按时报送月报, one line each.
    const missing = circular.notFiled.length;
    expect(missing).toBe(rows.filter((r) => !r.archived && r.completedByMonth['2026-05'] === undefined).length);
    const at = firstCells.indexOf('未按时报送月报');
    expect(firstCells.length - at - 2).toBe(Math.max(missing, 1));
  });

  it('writes the same document as CSV with a BOM', async () => {
    const file = await exportCircular(circular, 'csv', 'zh-CN');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.startsWith('\uFEFF2026年5月全市项目建设情况通报\r\n')).toBe(true);
    expect(text).toContain('\r\n单位排名 · 县区 · 开工率\r\n');
  });
});
