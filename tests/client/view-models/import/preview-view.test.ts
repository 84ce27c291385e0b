import { describe, expect, it } from 'vitest';
import { importPreviewView } from '../../../../client/view-models/import/preview-view';
import { buildPreview } from '../../../../shared/import/preview';
import { countyContext, countyMonthlySheet } from '../../../shared/import/sheet-fixtures';

const preview = () => {
  let n = 0;
  return buildPreview(countyMonthlySheet(), countyContext(), { today: '2026-12-03', newId: () => `p-${++n}` });
};

describe('importPreviewView', () => {
  it('says each row in plain words: old → new in 万元, errors at their column, why a row was skipped', () => {
    const view = importPreviewView(preview(), 'zh-CN');
    expect(view.summary).toBe('新增 2 · 有变化 1 · 有错误 1 · 跳过 6');
    expect(view.monthLine).toBe('月报月份：2026-11（取自表格标题或表头）');
    expect(view.headerLine).toBe('表头：第 3–4 行');
    expect(view.confirmLabel).toBe('确认导入 3 行');
    const changed = view.rows.find((r) => r.row === 7);
    expect(changed?.lines.filter((l) => l.kind === 'change').map((l) => l.text)).toEqual([
      '总投资：8,000 万元 → 9,000 万元',
      '今年累计完成投资：— → 2,500 万元',
      '本月完成投资：— → 400 万元',
      '本月进展：— → 设备安装',
      '问题和建议：— → 用地指标待落实',
    ]);
    expect(view.rows.find((r) => r.row === 11)?.lines).toContainEqual({
      kind: 'error',
      text: 'F（总投资（万元））：“约5000”不是金额（可写 56,700、8.6亿、9000万元）',
    });
    expect(view.rows.find((r) => r.row === 12)?.lines).toEqual([{ kind: 'reason', text: '合计行' }]);
    expect(view.unresolved).toBe('找不到的人员或单位（这些项未设置）：李四');
    expect(view.columns.find((c) => c.letter === 'B')).toMatchObject({ hidden: true, field: 'code' });
  });

  it('filters the rows by result, and offers nothing to confirm when nothing would be written', () => {
    const p = preview();
    expect(importPreviewView(p, 'zh-CN', 'invalid').rows.map((r) => r.row)).toEqual([11]);
    const none = importPreviewView({ ...p, actions: [] }, 'en');
    expect(none.confirmLabel).toBe('Nothing to write');
    expect(none.toWrite).toBe(0);
  });
});
