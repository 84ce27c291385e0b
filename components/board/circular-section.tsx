import { t } from '../../shared/i18n';
import type { Locale, Month } from '../../shared/schema/common';
import type { CircularView } from '../../client/view-models/board/circular-sections';

interface Props {
  /** The drafted circular (client/view-models/board/circular-sections.ts); null while it is being drafted. */
  view: CircularView | null;
  month: Month;
  months: readonly Month[];
  onMonth: (month: Month) => void;
  locale: Locale;
}

/** The circular, readable as a document: the month picker, then the sections as lists and tables. */
export function CircularSection({ view, month, months, onMonth, locale }: Props) {
  return (
    <section className="board-section circular" aria-labelledby="board-circular">
      <h2 id="board-circular">{t(locale, 'board.section.circular')}</h2>
      <label className="board-filters">
        {t(locale, 'board.circular.month')}
        <select value={month} onChange={(e) => onMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {view === null ? (
        <p className="muted">{t(locale, 'board.loading')}</p>
      ) : (
        <article className="circular-document">
          <h3 className="circular-title">{view.title}</h3>
          {view.sections.map((section) => (
            <section key={section.key} data-circular={section.key}>
              <h4>{section.title}</h4>
              {section.parts.map((part, i) => (
                <div key={i} className="circular-part">
                  {part.title ? <h5>{part.title}</h5> : null}
                  {part.note ? <p className="formula">{part.note}</p> : null}
                  {part.header.length === 0 ? (
                    <ol className="circular-lines">
                      {part.rows.map((row, j) => (
                        <li key={j}>{String(row[0] ?? '')}</li>
                      ))}
                    </ol>
                  ) : (
                    <table className="board-table">
                      <thead>
                        <tr>
                          {part.header.map((h) => (
                            <th key={h}>{h}</th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {part.rows.map((row, j) => (
                          <tr key={j}>
                            {row.map((cell, k) => (
                              <td key={k}>{cell === null ? '' : String(cell)}</td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              ))}
            </section>
          ))}
        </article>
      )}
    </section>
  );
}
