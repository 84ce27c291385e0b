import { Fragment, useState } from 'react';
import { t, type MessageKey } from '../../shared/i18n';
import type { Locale, Month } from '../../shared/schema/common';

/**
 * One button of the bar: what to export, in which format ('print': the circular's printable page; 'reportTemplate': the
 * 月报 in the layout of the template the office imported).
 */
export type ExportJob =
  | { what: 'report'; format: 'xlsx' | 'csv' }
  | { what: 'reportTemplate'; format: 'xlsx' }
  | { what: 'circular'; format: 'xlsx' | 'csv' | 'docx' | 'print' };

interface Props {
  month: Month;
  locale: Locale;
  /** The name of the 月报 template this workspace imported in this browser: offered as one more 月报 layout. */
  reportTemplateName?: string | null;
  /** Builds the file and hands it on (the page: a download); a rejection is shown on the bar. */
  onExport: (job: ExportJob) => Promise<void>;
}

const JOBS: readonly Exclude<ExportJob, { what: 'reportTemplate' }>[] = [
  { what: 'report', format: 'xlsx' },
  { what: 'report', format: 'csv' },
  { what: 'circular', format: 'xlsx' },
  { what: 'circular', format: 'csv' },
  { what: 'circular', format: 'docx' },
  { what: 'circular', format: 'print' },
];

function labelOf(job: Exclude<ExportJob, { what: 'reportTemplate' }>): MessageKey {
  if (job.what === 'report') return job.format === 'xlsx' ? 'board.export.reportXlsx' : 'board.export.reportCsv';
  switch (job.format) {
    case 'xlsx':
      return 'board.export.circularXlsx';
    case 'csv':
      return 'board.export.circularCsv';
    case 'docx':
      return 'circular.docx';
    case 'print':
      return 'circular.print';
  }
}

/** Export the selected month's 月报 and circular: a button per file, busy while one is built, the failure if any. */
export function ExportBar({ month, locale, reportTemplateName, onExport }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (job: ExportJob): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onExport(job);
    } catch (e) {
      setError(t(locale, 'board.export.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="export-bar" aria-label={t(locale, 'board.export.title')}>
      <span>
        {t(locale, 'board.export.title')} {month}
      </span>
      {JOBS.map((job) => (
        <Fragment key={`${job.what}/${job.format}`}>
          <button type="button" disabled={busy} onClick={() => void run(job)} data-export={`${job.what}/${job.format}`}>
            {t(locale, labelOf(job))}
          </button>
          {/* the office's own layout, beside the county form's */}
          {job.what === 'report' && job.format === 'csv' && reportTemplateName ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run({ what: 'reportTemplate', format: 'xlsx' })}
              data-export="reportTemplate/xlsx"
              title={t(locale, 'board.export.reportTemplateHint')}
            >
              {t(locale, 'board.export.reportTemplate', { name: reportTemplateName })}
            </button>
          ) : null}
        </Fragment>
      ))}
      {busy ? <span className="muted">{t(locale, 'board.export.working')}</span> : null}
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
