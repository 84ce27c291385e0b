/**
 * Which reader a file needs, from its name and first bytes: .xlsx (a zip), .csv, or the old binary .xls, which is
 * refused with a message (save as .xlsx), never fed to a reader that would crash on it.
 */
export type SheetFormat = 'xlsx' | 'csv' | 'xls' | 'unknown';

export function sheetFormat(fileName: string, bytes: Uint8Array): SheetFormat {
  const lower = fileName.toLowerCase();
  // OLE2 compound file (.xls, also .et of WPS saved as old Excel): D0 CF 11 E0
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (lower.endsWith('.xls') || lower.endsWith('.et')) return 'xls';
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return zip ? 'xlsx' : 'unknown';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return zip ? 'xlsx' : 'unknown';
}
