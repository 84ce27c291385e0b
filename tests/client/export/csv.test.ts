import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../../client/export/csv';

describe('CSV (RFC 4180, UTF-8 with BOM)', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('智能装备产业园')).toBe('智能装备产业园');
    expect(csvField('一期,二期')).toBe('"一期,二期"');
    expect(csvField('称“园区”为"A区"')).toBe('"称“园区”为""A区"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField(1234.5)).toBe('1234.5');
    expect(csvField(null)).toBe('');
  });

  it('starts with a BOM and ends every record with CRLF', () => {
    const text = toCsv([
      ['项目编号', '总投资（万元）'],
      ['XM-001', 50000],
      ['XM-002', null],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe('\uFEFF项目编号,总投资（万元）\r\nXM-001,50000\r\nXM-002,\r\n');
  });
});
