import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../client/import/read-file';

describe('readSpreadsheet (the 导入 page)', () => {
  it('offers every worksheet of an .xlsx, and reads a UTF-8 CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('项目库').addRow(['项目名称', '总投资']);
    workbook.addWorksheet('11月').addRow(['项目名称', '本月完成投资']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readSpreadsheet('台账.xlsx', bytes);
    expect(read.ok && read.sheets.map((s) => s.name)).toEqual(['项目库', '11月']);
    const csv = await readSpreadsheet('项目库.csv', new TextEncoder().encode('项目名称,总投资\n光伏电站,100\n'));
    expect(csv.ok && csv.sheets[0]?.rows[1]?.map((c) => c.value)).toEqual(['光伏电站', '100']);
  });

  it('says to save an .xls as .xlsx', async () => {
    expect(await readSpreadsheet('台账.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toEqual({ ok: false, error: { key: 'import.cli.xls', params: {} } });
  });
});
