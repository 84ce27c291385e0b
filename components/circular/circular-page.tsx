import './circular.css';
import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { cellText, type CircularDocument, type DocBlock, type NoteField } from '../../client/view-models/circular/circular-document';

interface Props {
  doc: CircularDocument;
  locale: Locale;
  /** The 项目办's 存在问题 and 下步工作 as typed so far (shown in the editors; printed as paragraphs). */
  notes: Record<NoteField, string>;
  onNote: (field: NoteField, text: string) => void;
  /** Whether the typed text is kept (saved in this browser); false when the storage refused. */
  saved: boolean;
  onPrint: () => void;
  onBack: () => void;
  /** Builds and saves the .docx; a rejection is shown on the toolbar. */
  onDocx: () => Promise<void>;
  busy: boolean;
  error: string | null;
}

function Block({ block, locale, notes, onNote }: { block: DocBlock } & Pick<Props, 'locale' | 'notes' | 'onNote'>) {
  switch (block.kind) {
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'heading':
      return <h3>{block.text}</h3>;
    case 'note':
      return <p className="circular-note">{block.text}</p>;
    case 'table':
      return (
        <table className="circular-table">
          <thead>
            <tr>
              {block.header.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cellText(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'editable': {
      const text = notes[block.field];
      return (
        <>
          <textarea
            className="circular-editable"
            aria-label={t(locale, `circular.doc.chapter.${block.field}`)}
            placeholder={block.placeholder}
            rows={Math.max(6, text.split('\n').length * 2 + 1)}
            value={text}
            onChange={(e) => onNote(block.field, e.target.value)}
            data-circular-edit={block.field}
          />
          <div className="circular-issued">
            {text
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line, i) => (
                <p key={i}>{line}</p>
              ))}
          </div>
        </>
      );
    }
  }
}

/** The month's 通报 as a printable A4 公文: 红头, 文号, title, numbered chapters; 存在问题 and 下步工作 worded in place before printing. */
export function CircularPage({ doc, locale, notes, onNote, saved, onPrint, onBack, onDocx, busy, error }: Props) {
  return (
    <div className="circular-page">
      <div className="circular-toolbar">
        <button type="button" onClick={onBack}>
          {t(locale, 'circular.print.back')}
        </button>
        <button type="button" onClick={onPrint} data-circular-action="print">
          {t(locale, 'circular.print.action')}
        </button>
        <button type="button" disabled={busy} onClick={() => void onDocx()} data-circular-action="docx">
          {t(locale, 'circular.docx')}
        </button>
        {busy ? <span className="muted">{t(locale, 'board.export.working')}</span> : null}
        {error ? (
          <span role="alert" className="error">
            {error}
          </span>
        ) : null}
        <span className="status">{saved ? t(locale, 'circular.print.saved') : t(locale, 'circular.print.notSaved')}</span>
      </div>
      <article className="circular-sheet" lang={locale}>
        <h1 className="circular-issuer">{doc.issuer}</h1>
        <p className="circular-number">{doc.number}</p>
        <h1 className="circular-heading-title">{doc.title}</h1>
        {doc.chapters.map((chapter) => (
          <section key={chapter.key} className="circular-chapter" data-chapter={chapter.key}>
            <h2>{chapter.heading}</h2>
            {chapter.blocks.map((block, i) => (
              <Block key={i} block={block} locale={locale} notes={notes} onNote={onNote} />
            ))}
          </section>
        ))}
        <div className="circular-signature">
          <p>{doc.issuer}</p>
          <p>{doc.date}</p>
        </div>
        <p className="circular-anchor" data-anchor="">
          {doc.anchor}
        </p>
      </article>
    </div>
  );
}
