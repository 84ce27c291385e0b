import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { documentLines, type CircularDocument, type DocCell } from '../view-models/circular/circular-document';
import { toCsv } from './csv';
import { CSV_MIME, XLSX_MIME, safeFilename, type ExportFile, type ExportFormat } from './export-file';
import { loadExcel, setCellValue } from './xlsx';

/** Columns the text paragraphs span (the widest table, 主要指标完成情况, has eight). */
const SPAN = 8;
const WIDTHS = [6, 40, 12, 12, 10, 10, 28, 8];

export const PERCENT_FORMAT = '0.00%';
export const YI_FORMAT = '#,##0.00';

/**
 * The month's 通报 as a spreadsheet: the same document as the printable page and the .docx — 红头, title, numbered
 * chapters, paragraphs across the page, tables with percentages as numbers in % format and money in 亿元 as numbers.
 * CSV: the document's lines (UTF-8 with BOM).
 */
export async function exportCircular(doc: CircularDocument, format: ExportFormat, locale: Locale): Promise<ExportFile> {
  if (format === 'csv') {
    return { filename: safeFilename(doc.title, 'csv'), mime: CSV_MIME, bytes: new TextEncoder().encode(toCsv(documentLines(doc))) };
  }
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = 'Guatu 挂图作战';
  const sheet = workbook.addWorksheet(t(locale, 'board.export.sheetCircular'));
  let r = 1;
  const line = (text: string, style: { bold?: boolean; size?: number; color?: string; center?: boolean; height?: number } = {}): void => {
    sheet.mergeCells(r, 1, r, SPAN);
    const cell = sheet.getCell(r, 1);
    setCellValue(cell, text);
    cell.font = { bold: style.bold ?? false, size: style.size ?? 11, ...(style.color ? { color: { argb: style.color } } : {}) };
    cell.alignment = { horizontal: style.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
    // Merged cells do not grow with their text: give long paragraphs room (about 90 characters a line).
    sheet.getRow(r).height = style.height ?? Math.max(18, Math.ceil(text.length / 90) * 16);
    r += 1;
  };
  const border = { style: 'thin' as const };
  const put = (column: number, value: DocCell, bold: boolean): void => {
    const cell = sheet.getCell(r, column);
    if (typeof value === 'string') setCellValue(cell, value);
    else {
      cell.value = value.value;
      cell.numFmt = value.format === 'percent' ? PERCENT_FORMAT : value.format === 'yi' ? YI_FORMAT : '0';
    }
    cell.border = { top: border, left: border, bottom: border, right: border };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    if (bold) cell.font = { bold: true };
  };

  line(doc.issuer, { bold: true, size: 22, color: 'FFC00000', center: true, height: 40 });
  line(doc.number, { center: true });
  line(doc.title, { bold: true, size: 16, center: true, height: 30 });
  r += 1;
  for (const chapter of doc.chapters) {
    line(chapter.heading, { bold: true, size: 12 });
    for (const block of chapter.blocks) {
      switch (block.kind) {
        case 'paragraph':
        case 'note':
          line(block.text);
          break;
        case 'heading':
          line(block.text, { bold: true });
          break;
        case 'editable':
          for (const text of block.text.split('\n').filter((s) => s.trim() !== '')) line(text);
          break;
        case 'table': {
          // A three-column ranking table spreads its long cells: metric in B, top in C–E, bottom in F–H.
          const spans: [number, number][] =
            block.header.length === SPAN
              ? block.header.map((_, i) => [i + 1, i + 1])
              : [
                  [2, 2],
                  [3, 5],
                  [6, SPAN],
                ];
          for (const [k, cells] of [block.header as DocCell[], ...block.rows].entries()) {
            cells.forEach((value, i) => {
              const [from, to] = spans[i] ?? [i + 1, i + 1];
              if (to > from) sheet.mergeCells(r, from, r, to);
              put(from, value, k === 0);
            });
            if (block.header.length !== SPAN) sheet.getRow(r).height = 32;
            r += 1;
          }
          r += 1;
          break;
        }
      }
    }
  }
  r += 1;
  line(doc.issuer, { center: false });
  line(doc.date);
  r += 1;
  line(doc.anchor, { size: 9 });
  WIDTHS.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return { filename: safeFilename(doc.title, 'xlsx'), mime: XLSX_MIME, bytes: new Uint8Array(buffer) };
}
