import { useMemo, useState } from 'react';
import { loadCircularNotes, pageStorage, saveCircularNotes } from '../../client/circular-notes';
import { exportCircularDocx } from '../../client/export/circular-docx';
import type { ExportFile } from '../../client/export/export-file';
import { circularDocument, notesOf, withNotes, type CircularNotes, type NoteField } from '../../client/view-models/circular/circular-document';
import { CircularPage } from '../../components/circular/circular-page';
import { t } from '../../shared/i18n';
import { ANCHOR_UNAVAILABLE, anchorNote, type AnchorStatus } from '../../shared/history/anchor-note';
import { useHistoryAnchor } from './use-history-anchor';
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
  /** Asks the server for the latest signed history digest (the page's last line); absent: 未取得. */
  loadAnchor?: () => Promise<AnchorStatus>;
}

/** The board's #circular/<month> route: the month's 通报 as a printable page; 存在问题 and 下步工作 are worded here and kept per month. */
export function CircularPrint({ workspace, rows, month, asOf, locale, onFile, onBack, loadAnchor }: Props) {
  const storage = useMemo(() => pageStorage(), []);
  const saved0 = useMemo(() => loadCircularNotes(storage, workspace.id, month), [storage, workspace.id, month]);
  // Built once per month and data change; typing does not rebuild the rankings.
  const doc = useMemo(() => circularDocument({ workspace, rows, month, asOf, locale, notes: saved0 }), [workspace, rows, month, asOf, locale, saved0]);
  // What was typed on this page for this month; saved with what was saved before (drafts not typed in stay drafts).
  const [edited, setEdited] = useState<{ month: Month; notes: CircularNotes } | null>(null);
  const typed = edited && edited.month === month ? edited.notes : {};
  const notes = { ...notesOf(doc), ...typed };
  const asked = useHistoryAnchor(loadAnchor);
  const anchor = loadAnchor ? asked : ANCHOR_UNAVAILABLE;
  const issued = { ...withNotes(doc, notes), anchor: anchorNote(locale, anchor) };
  const [saved, setSaved] = useState(storage !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onNote = (field: NoteField, value: string): void => {
    const next = { ...typed, [field]: value };
    setEdited({ month, notes: next });
    setSaved(saveCircularNotes(storage, workspace.id, month, { ...saved0, ...next }));
  };
  const onDocx = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      // a file never goes out saying "being fetched": it waits for the answer (or its time-out)
      const settled = anchor.kind === 'pending' && loadAnchor ? await loadAnchor() : anchor;
      const file = await exportCircularDocx({ ...issued, anchor: anchorNote(locale, settled) });
      onFile?.(file);
    } catch (e) {
      setError(t(locale, 'board.export.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CircularPage
      doc={issued}
      locale={locale}
      notes={notes}
      onNote={onNote}
      saved={saved}
      onPrint={() => window.print()}
      onBack={onBack}
      onDocx={onDocx}
      busy={busy}
      error={error}
    />
  );
}
