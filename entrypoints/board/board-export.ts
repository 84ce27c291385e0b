import { exportCircular } from '../../client/export/circular-export';
import type { ExportFile } from '../../client/export/export-file';
import { exportMonthlyReport } from '../../client/export/monthly-report-export';
import { draftCircular } from '../../client/view-models/board/circular-sections';
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
 * The file one button of the export bar asks for: the month's 月报 (17 columns) or its circular, as xlsx or CSV. The
 * spreadsheet code loads only now (client/export/xlsx.ts imports ExcelJS on demand).
 */
export function exportBoardFile(job: ExportJob, { workspace, rows, month, asOf, locale }: ExportSource): Promise<ExportFile> {
  return job.what === 'report'
    ? exportMonthlyReport(monthlyReportRows(workspace, rows, month, locale), job.format, locale, { workspaceName: workspace.name, exportedOn: asOf })
    : exportCircular(draftCircular(workspace, rows, month, asOf), job.format, locale);
}
