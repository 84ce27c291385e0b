import { useDeferredValue, useMemo } from 'react';
import { endOfMonth, evaluateTargets, minDate, monthlyCircular } from '../../shared/calc';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale, Month, SummaryRow, WorkspaceData } from '../../shared/schema';
import { circularSections, circularTitle } from '../../client/export/circular-sections';

interface Props {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  month: Month;
  months: readonly Month[];
  onMonth: (month: Month) => void;
  asOf: CalendarDate;
  locale: Locale;
}

const MEMBER_LINES = 10;

/** The month's circular (一月一通报) drafted from the summary rows, as of the month's end (or today, mid-month). */
export function draftCircular(workspace: WorkspaceData, rows: readonly SummaryRow[], month: Month, asOf: CalendarDate) {
  const judged = minDate(asOf, endOfMonth(month));
  return monthlyCircular(workspace, rows, evaluateTargets(workspace, rows, judged), month, asOf);
}

/**
 * The circular, readable as a document. It is drafted after the board's first paint (a deferred render), since it
 * ranks every unit and member.
 */
export function CircularSection({ workspace, rows, month, months, onMonth, asOf, locale }: Props) {
  const deferredMonth = useDeferredValue<Month | null>(month, null);
  const circular = useMemo(() => (deferredMonth === null ? null : draftCircular(workspace, rows, deferredMonth, asOf)), [workspace, rows, deferredMonth, asOf]);
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
      {circular === null ? (
        <p className="muted">{t(locale, 'board.loading')}</p>
      ) : (
        <article className="circular-document">
          <h3 className="circular-title">{circularTitle(circular, locale)}</h3>
          {circularSections(circular, locale, MEMBER_LINES).map((section) => (
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
