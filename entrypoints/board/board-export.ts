import type { ExportFile } from '../../client/export/export-file';
import type { ReportTemplate } from '../../client/export/monthly-report-export';
import type { ExportJob } from '../../components/board/export-bar';
import type { AnchorStatus } from '../../shared/history/anchor-note';
import type { CalendarDate, Locale, Month } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';

/** What an export is made of: the live workspace and rows, the month picked on the board, the board's day. */
export interface ExportSource {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  month: Month;
  asOf: CalendarDate;
  locale: Locale;
  /** The office's imported 月报 template (for the 'reportTemplate' job). */
  template?: ReportTemplate;
  /** The latest signed history digest, asked for this export; the file's note line says what it is, or 未取得. */
  anchor?: AnchorStatus;
}

/**
 * The file one button of the export bar asks for: the month's 月报 (the county form, or the layout of the office's
 * imported template) as xlsx or CSV, or its 通报 as
 * xlsx, CSV or .docx (with the 下步工作 the 项目办 wrote on the print page, from this browser's storage). The export
 * code, ExcelJS and docx are all imported now, on click: the board's first paint never pays for them.
 */
export async function exportBoardFile(job: ExportJob, { workspace, rows, month, asOf, locale, template, anchor }: ExportSource): Promise<ExportFile> {
  if (job.what === 'report' || job.what === 'reportTemplate') {
    if (job.what === 'reportTemplate' && !template) throw new Error('no imported 月报 template');
    const [{ exportMonthlyReport }, { monthlyReportRows }] = await Promise.all([
      import('../../client/export/monthly-report-export'),
      import('../../shared/calc/monthly-report-rows'),
    ]);
    const table = monthlyReportRows(workspace, rows, month, locale);
    const context = { workspaceName: workspace.name, exportedOn: asOf, ...(anchor ? { anchor } : {}) };
    if (job.what === 'reportTemplate') return exportMonthlyReport(table, 'xlsx', locale, context, template);
    return exportMonthlyReport(table, job.format, locale, context);
  }
  if (job.format === 'print') throw new Error('the printable circular is a page, not a file');
  const [{ circularDocument }, { loadCircularNotes, pageStorage }] = await Promise.all([
    import('../../client/view-models/circular/circular-document'),
    import('../../client/circular-notes'),
  ]);
  const notes = loadCircularNotes(pageStorage(), workspace.id, month);
  const doc = circularDocument({ workspace, rows, month, asOf, locale, notes, ...(anchor ? { anchor } : {}) });
  if (job.format === 'docx') {
    const { exportCircularDocx } = await import('../../client/export/circular-docx');
    return exportCircularDocx(doc);
  }
  const { exportCircular } = await import('../../client/export/circular-export');
  return exportCircular(doc, job.format, locale);
}
