import { loadCircularNotes, pageStorage } from '../../client/circular-notes';
import { exportCircularDocx } from '../../client/export/circular-docx';
import { exportCircular } from '../../client/export/circular-export';
import type { ExportFile } from '../../client/export/export-file';
import { exportMonthlyReport } from '../../client/export/monthly-report-export';
import { circularDocument } from '../../client/view-models/circular/circular-document';
import type { ExportJob } from '../../components/board/export-bar';
import { monthlyReportRows } from '../../shared/calc/monthly-report-rows';
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
}

/**
 * The file one button of the export bar asks for: the month's 月报 (the county form) as xlsx or CSV, or its 通报 as
 * xlsx, CSV or .docx (with the 下步工作 the 项目办 wrote on the print page, from this browser's storage). The
 * spreadsheet and Word code load only now (ExcelJS and docx are imported on demand).
 */
export function exportBoardFile(job: ExportJob, { workspace, rows, month, asOf, locale }: ExportSource): Promise<ExportFile> {
  if (job.what === 'report') {
    return exportMonthlyReport(monthlyReportRows(workspace, rows, month, locale), job.format, locale, { workspaceName: workspace.name, exportedOn: asOf });
  }
  const notes = loadCircularNotes(pageStorage(), workspace.id, month);
  const doc = circularDocument({ workspace, rows, month, asOf, locale, notes });
  switch (job.format) {
    case 'docx':
      return exportCircularDocx(doc);
    case 'print':
      return Promise.reject(new Error('the printable circular is a page, not a file'));
    default:
      return exportCircular(doc, job.format, locale);
  }
}
