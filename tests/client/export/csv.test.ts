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

describe('CSV formula injection', () => {
  it('writes text that a spreadsheet would run as a formula as text (leading apostrophe)', () => {
    expect(csvField('=HYPERLINK("http://evil.example","点击")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    // Text with the characters elsewhere is left alone.
    expect(csvField('总投资=5亿')).toBe('总投资=5亿');
  });

  it('keeps negative numbers as numbers', () => {
    expect(csvField(-1250.5)).toBe('-1250.5');
    expect(toCsv([['调减', -30]])).toBe('\uFEFF调减,-30\r\n');
  });
});
