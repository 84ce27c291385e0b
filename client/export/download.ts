import type { ExportFile } from './export-file';

/** Saves a file through the browser's download flow (an object URL on a temporary link). */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const blob = new Blob([file.bytes as BlobPart], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start reading the URL after the click returns: release it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
