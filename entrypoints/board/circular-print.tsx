import { useMemo, useState } from 'react';
import { loadCircularNotes, pageStorage, saveCircularNotes } from '../../client/circular-notes';
import { exportCircularDocx } from '../../client/export/circular-docx';
import type { ExportFile } from '../../client/export/export-file';
import { circularDocument, nextStepsText, withNextSteps } from '../../client/view-models/circular/circular-document';
import { CircularPage } from '../../components/circular/circular-page';
import { t } from '../../shared/i18n';
import type { WorkspaceData } from '../../shared/schema/bundle';
import type { CalendarDate, Locale, Month } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';

interface Props {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  month: Month;
  asOf: CalendarDate;
  locale: Locale;
  /** Where the .docx goes (a download). */
  onFile?: (file: ExportFile) => void;
  onBack: () => void;
}

/** The board's #circular/<month> route: the month's 通报 as a printable page; 下步工作 is typed here and kept per month. */
export function CircularPrint({ workspace, rows, month, asOf, locale, onFile, onBack }: Props) {
  const storage = useMemo(() => pageStorage(), []);
  // Built once per month and data change; the typed text does not rebuild the rankings.
  const doc = useMemo(
    () => circularDocument({ workspace, rows, month, asOf, locale, notes: loadCircularNotes(storage, workspace.id, month) }),
    [workspace, rows, month, asOf, locale, storage],
  );
  const [edited, setEdited] = useState<{ month: Month; text: string } | null>(null);
  const text = edited && edited.month === month ? edited.text : nextStepsText(doc);
  const [saved, setSaved] = useState(storage !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onNextSteps = (value: string): void => {
    setEdited({ month, text: value });
    setSaved(saveCircularNotes(storage, workspace.id, month, { nextSteps: value }));
  };
  const onDocx = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file = await exportCircularDocx(withNextSteps(doc, text));
      onFile?.(file);
    } catch (e) {
      setError(t(locale, 'board.export.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CircularPage
      doc={withNextSteps(doc, text)}
      locale={locale}
      nextSteps={text}
      onNextSteps={onNextSteps}
      saved={saved}
      onPrint={() => window.print()}
      onBack={onBack}
      onDocx={onDocx}
      busy={busy}
      error={error}
    />
  );
}
