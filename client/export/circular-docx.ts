import { cellText, type CircularDocument, type DocBlock } from '../view-models/circular/circular-document';
import { safeFilename, type ExportFile } from './export-file';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 公文 fonts (GB/T 9704): 小标宋 for the 红头 and the title, 黑体 for chapter headings, 仿宋 for the text. */
const FONT_TITLE = '方正小标宋简体';
const FONT_HEADING = '黑体';
const FONT_BODY = '仿宋_GB2312';
const RED = 'C00000';
/** Sizes in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt. */
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const SIZE_TABLE = 21;
/** A4 margins of a 公文 in twips (1 mm ≈ 56.7 twips): top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const MARGINS = { top: 2098, bottom: 1984, left: 1588, right: 1474 };

/**
 * The month's 通报 as a Word document: 红头 (issuer in red, 文号, a red rule), the title, the numbered chapters, tables
 * with borders, the issuer and date at the end, then the history digest's line; A4 portrait. The `docx` library is
 * imported here, on click.
 */
export async function exportCircularDocx(doc: CircularDocument): Promise<ExportFile> {
  const docx = await import('docx');
  const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;

  const run = (text: string, font: string, size: number, extra: { bold?: boolean; color?: string } = {}) =>
    new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, ...extra });
  const body = (text: string) => new Paragraph({ children: [run(text, FONT_BODY, SIZE_BODY)], indent: { firstLine: 640 }, spacing: { line: 560 } });

  const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };
  const tableOf = (header: readonly string[], rows: readonly (readonly string[])[]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...rows].map(
        (cells, r) =>
          new TableRow({
            tableHeader: r === 0,
            children: cells.map(
              (text) =>
                new TableCell({
                  borders,
                  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, FONT_BODY, SIZE_TABLE, { bold: r === 0 })] })],
                }),
            ),
          }),
      ),
    });

  const blockOf = (block: DocBlock): (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] => {
    switch (block.kind) {
      case 'paragraph':
        return [body(block.text)];
      case 'heading':
        return [new Paragraph({ children: [run(block.text, FONT_BODY, SIZE_BODY, { bold: true })], indent: { firstLine: 640 }, spacing: { line: 560 } })];
      case 'note':
        return [new Paragraph({ children: [run(block.text, FONT_BODY, SIZE_TABLE)], spacing: { before: 120, after: 120 } })];
      case 'table':
        return [
          tableOf(
            block.header,
            block.rows.map((row) => row.map(cellText)),
          ),
          new Paragraph({ children: [] }),
        ];
      case 'editable':
        return block.text
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => body(line));
    }
  };

  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(doc.issuer, FONT_TITLE, 52, { color: RED, bold: true })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 24, color: RED, space: 8 } },
      spacing: { after: 480 },
      children: [run(doc.number, FONT_BODY, SIZE_BODY)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 480 }, children: [run(doc.title, FONT_TITLE, SIZE_TITLE)] }),
  ];
  for (const chapter of doc.chapters) {
    children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(chapter.heading, FONT_HEADING, SIZE_BODY)] }));
    for (const block of chapter.blocks) children.push(...blockOf(block));
  }
  children.push(
    new Paragraph({ children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.issuer, FONT_BODY, SIZE_BODY)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.date, FONT_BODY, SIZE_BODY)] }),
    // the anchored history's fingerprint, small, under the signature
    new Paragraph({ spacing: { before: 480 }, children: [run(doc.anchor, FONT_BODY, SIZE_TABLE)] }),
  );

  const file = new Document({
    creator: 'Guatu 挂图作战',
    title: doc.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: MARGINS } }, children }],
  });
  const bytes = await Packer.pack(file, 'uint8array');
  return { filename: safeFilename(doc.title, 'docx'), mime: DOCX_MIME, bytes };
}
