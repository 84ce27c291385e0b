import type { Cell } from '../../shared/calc/monthly-report-rows';
import type { MonthlyCircular } from '../../shared/calc/circular';
import type { Locale } from '../../shared/schema/common';
import { circularSections, circularTitle } from '../view-models/board/circular-sections';
import { toCsv } from './csv';
import { CSV_MIME, XLSX_MIME, safeFilename, type ExportFile, type ExportFormat } from './export-file';
import { buildXlsx, type SheetBlock } from './xlsx';

/** The circular's sections as blocks: a section title, then each part (ranking metric + formula) with its table. */
function blocks(circular: MonthlyCircular, locale: Locale): SheetBlock[] {
  return circularSections(circular, locale).flatMap((section) =>
    section.parts.map((part) => ({
      title: part.title ? `${section.title} · ${part.title}` : section.title,
      ...(part.note ? { note: part.note } : {}),
      header: part.header,
      rows: part.rows,
    })),
  );
}

/** The month's circular as a document: xlsx (one sheet, sections one under another) or CSV (UTF-8 with BOM). */
export async function exportCircular(circular: MonthlyCircular, format: ExportFormat, locale: Locale): Promise<ExportFile> {
  const title = circularTitle(circular, locale);
  const parts = blocks(circular, locale);
  if (format === 'csv') {
    const rows: Cell[][] = [[title]];
    for (const block of parts) {
      rows.push([], [block.title]);
      if (block.note) rows.push([block.note]);
      if (block.header.length > 0) rows.push(block.header);
      rows.push(...block.rows);
    }
    return { filename: safeFilename(title, 'csv'), mime: CSV_MIME, bytes: new TextEncoder().encode(toCsv(rows)) };
  }
  const bytes = await buildXlsx([{ name: title, title, header: [], rows: [], blocks: parts, widths: { 0: 28, 1: 28, 2: 16, 3: 16 } }]);
  return { filename: safeFilename(title, 'xlsx'), mime: XLSX_MIME, bytes };
}
