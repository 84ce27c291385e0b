/** Writes a fixture sheet (tests/shared/import/sheet-fixtures.ts) as a real .xlsx: merges, hidden columns, date and formula cells. */
import ExcelJS from 'exceljs';
import type { MergedRange } from '../../../shared/import/grid';
import { columnLetter } from '../../../shared/import/grid';
import { toCell, type Raw } from '../../shared/import/sheet-fixtures';

export async function xlsxBytes(rows: Raw[][], merges: MergedRange[], hiddenColumns: number[], name = 'Sheet1'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  rows.forEach((raw, r) => {
    raw.forEach((value, c) => {
      const cell = toCell(value);
      if (cell.type === 'empty') return;
      const target = sheet.getCell(r + 1, c + 1);
      if (cell.type === 'date') {
        const [y, m, d] = String(cell.value).split('-').map(Number);
        target.value = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
        target.numFmt = 'yyyy-mm-dd';
      } else if (cell.formula) target.value = { formula: `${cell.value}*1`, result: cell.value as number };
      else target.value = cell.value;
    });
  });
  for (const m of merges) sheet.mergeCells(`${columnLetter(m.left)}${m.top + 1}:${columnLetter(m.right)}${m.bottom + 1}`);
  for (const c of hiddenColumns) sheet.getColumn(c + 1).hidden = true;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
