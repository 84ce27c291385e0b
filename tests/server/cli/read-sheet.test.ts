import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../shared/import/preview';
import { readSheet } from '../../../server/cli/read-sheet';
import { countyContext, countyMonthlyMerges, countyMonthlyRows, countyMonthlySheet } from '../../shared/import/sheet-fixtures';
import { encodeGbk } from './gbk';
import { xlsxBytes } from './xlsx-fixture';

const options = () => {
  let n = 0;
  return { today: '2026-12-03', newId: () => `p-${++n}` };
};

const CSV = '项目编号,项目名称,总投资（万元）,计划开工\r\nAP-009,"城西物流园, 一期",1.5亿,2026年4月\r\n';

describe('readSheet', () => {
  it('reads an .xlsx with merged two-row headers, a hidden column, date and formula cells as the engine expects', async () => {
    const bytes = await xlsxBytes(countyMonthlyRows(), countyMonthlyMerges(), [1], '11月');
    const read = await readSheet('月报.xlsx', bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.sheet.hiddenColumns).toEqual([1]);
    expect(read.sheet.rows[5]?.[9]).toEqual({ type: 'date', value: '2026-03-01' });
    expect(read.sheet.rows[6]?.[7]).toEqual({ type: 'number', value: 2500, formula: true });
    const fromFile = buildPreview(read.sheet, countyContext(), options());
    const direct = buildPreview(countyMonthlySheet(), countyContext(), options());
    expect(fromFile.rows).toEqual(direct.rows);
    expect(fromFile.month).toBe('2026-11');
  });

  it('reads CSV in UTF-8 with and without a BOM, and in GBK', async () => {
    const utf8 = new TextEncoder().encode(CSV);
    for (const bytes of [utf8, new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), encodeGbk(CSV)]) {
      const read = await readSheet('项目库.csv', bytes);
      if (!read.ok) throw new Error(JSON.stringify(read.error));
      expect(read.sheet.rows[1]?.map((c) => c.value)).toEqual(['AP-009', '城西物流园, 一期', '1.5亿', '2026年4月']);
    }
  });

  it('refuses an old .xls with a message to save it as .xlsx, and names a file it cannot read', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readSheet('项目库.xls', ole)).toEqual({ ok: false, error: { key: 'import.cli.xls', params: {} } });
    expect(await readSheet('项目库.xlsx', ole)).toEqual({ ok: false, error: { key: 'import.cli.xls', params: {} } });
    expect(await readSheet('说明.docx', new Uint8Array([1, 2, 3]))).toEqual({
      ok: false,
      error: { key: 'import.cli.unsupported', params: { file: '说明.docx' } },
    });
    const broken = await readSheet('坏文件.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]));
    expect(broken.ok ? null : broken.error.key).toBe('import.cli.unreadable');
  });

  it('reads only cells that hold something: formatting down to row 60000 adds no rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('项目库');
    sheet.addRow(['项目名称', '总投资']);
    sheet.addRow(['光伏电站', 100]);
    sheet.getCell('AZ60000').numFmt = '0.00';
    sheet.getCell('C60000').border = { top: { style: 'thin' } };
    const read = await readSheet('项目库.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.sheet.rows.map((r) => r.map((c) => c.value))).toEqual([
      ['项目名称', '总投资'],
      ['光伏电站', 100],
    ]);
  });
});
