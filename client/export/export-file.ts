/** A file ready to save: the page turns it into a download, a test reads the bytes back. */
export interface ExportFile {
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

export type ExportFormat = 'xlsx' | 'csv';

/** File names keep the Chinese title but lose characters no file system accepts. */
export function safeFilename(title: string, format: ExportFormat | 'docx'): string {
  const base = title.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'export';
  return `${base}.${format}`;
}
