import { useState } from 'react';
import { monthlyReportRows } from '../../shared/calc';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale, Month, SummaryRow, WorkspaceData } from '../../shared/schema';
import { exportCircular } from '../../client/export/circular-export';
import type { ExportFile, ExportFormat } from '../../client/export/export-file';
import { exportMonthlyReport } from '../../client/export/monthly-report-export';
import { draftCircular } from './circular-section';

interface Props {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  month: Month;
  asOf: CalendarDate;
  locale: Locale;
  /** Where a finished file goes: a download on the page, a capture in tests. */
  onFile: (file: ExportFile) => void;
}

type Job = { what: 'report' | 'circular'; format: ExportFormat };

const JOBS: readonly Job[] = [
  { what: 'report', format: 'xlsx' },
  { what: 'report', format: 'csv' },
  { what: 'circular', format: 'xlsx' },
  { what: 'circular', format: 'csv' },
];

const LABEL = {
  'report/xlsx': 'board.export.reportXlsx',
  'report/csv': 'board.export.reportCsv',
  'circular/xlsx': 'board.export.circularXlsx',
  'circular/csv': 'board.export.circularCsv',
} as const;

/** Export the selected month's 月报 and circular; the spreadsheet code loads only when a button is pressed. */
export function ExportBar({ workspace, rows, month, asOf, locale, onFile }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (job: Job): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file =
        job.what === 'report'
          ? await exportMonthlyReport(monthlyReportRows(workspace, rows, month, locale), job.format, locale)
          : await exportCircular(draftCircular(workspace, rows, month, asOf), job.format, locale);
      onFile(file);
    } catch (e) {
      setError(t(locale, 'board.export.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-bar" role="group" aria-label={t(locale, 'board.export.title')}>
      <span>
        {t(locale, 'board.export.title')} {month}
      </span>
      {JOBS.map((job) => (
        <button key={`${job.what}/${job.format}`} type="button" disabled={busy} onClick={() => void run(job)} data-export={`${job.what}/${job.format}`}>
          {t(locale, LABEL[`${job.what}/${job.format}`])}
        </button>
      ))}
      {busy ? <span className="muted">{t(locale, 'board.export.working')}</span> : null}
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
