import './import.css';
import { t } from '../../shared/i18n';
import type { ImportField } from '../../shared/import/fields';
import type { ImportKind } from '../../shared/import/preview';
import type { Locale } from '../../shared/schema/common';
import type { ImportPreviewView, RowFilter } from '../../client/view-models/import/preview-view';

export type ImportPhase = 'pick' | 'reading' | 'preview' | 'applying' | 'done';

export interface ImportResultView {
  applied: number;
  failed: Array<{ row: number; lines: string[] }>;
  synced: boolean;
}

export interface ImportScreenProps {
  locale: Locale;
  phase: ImportPhase;
  /** What the page is doing, in words (reading the file, loading projects, writing n/m). */
  busy: string | null;
  /** A problem with the file itself (an .xls, an unreadable file). */
  fileError: string | null;
  fileName: string | null;
  sheetNames: readonly string[];
  sheetIndex: number;
  kind: ImportKind;
  /** YYYY-MM, or '' to take the sheet's. */
  month: string;
  view: ImportPreviewView | null;
  filter: RowFilter;
  result: ImportResultView | null;
  backHref: string;
  /** The name of the 月报 layout kept for the board's export (after a 月报's mapping is changed or it is imported). */
  templateKept?: string | null;
  onFile(file: File): void;
  onSheet(index: number): void;
  onKind(kind: ImportKind): void;
  onMonth(month: string): void;
  onMapping(column: number, field: ImportField | null): void;
  onFilter(filter: RowFilter): void;
  onConfirm(): void;
  onReset(): void;
}

/** The 导入 page: pick a file, check the preview and the column mapping, confirm. */
export function ImportScreen(props: ImportScreenProps) {
  const { locale, view, phase } = props;
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>): string => t(locale, key, params);
  const blocked = view !== null && view.sheetErrors.length > 0;
  return (
    <main className="import-page" lang={locale}>
      <header className="import-header">
        <h1>{L('import.page.title')}</h1>
        <a href={props.backHref}>{L('import.page.back')}</a>
      </header>
      <p className="muted">{L('import.page.intro')}</p>

      {phase === 'done' && props.result ? (
        <section className="import-result" role="status">
          <p>{L('import.page.done', { applied: props.result.applied })}</p>
          {props.templateKept ? (
            <p className="muted" data-testid="import-template-kept">
              {L('import.page.templateKept', { name: props.templateKept })}
            </p>
          ) : null}
          {props.result.failed.length > 0 ? (
            <>
              <p className="error">{L('import.page.doneFailed', { count: props.result.failed.length })}</p>
              <ul>
                {props.result.failed.map((f) => (
                  <li key={f.row}>
                    {L('import.page.col.row')} {f.row}：{f.lines.join('；')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">{props.result.synced ? L('import.page.synced') : L('import.page.pending')}</p>
          <button type="button" onClick={props.onReset}>
            {L('import.page.again')}
          </button>
        </section>
      ) : (
        <section className="import-file">
          <label>
            {L('import.page.pick')}{' '}
            <input
              type="file"
              accept=".xlsx,.csv,.xls"
              disabled={phase === 'reading' || phase === 'applying'}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) props.onFile(file);
              }}
            />
          </label>
          {props.fileName ? <span className="file-name">{props.fileName}</span> : null}
          {props.fileError ? (
            <p className="error" role="alert">
              {props.fileError}
            </p>
          ) : null}
        </section>
      )}

      {props.busy ? (
        <p className="muted" role="status">
          {props.busy}
        </p>
      ) : null}

      {view && phase !== 'done' ? (
        <>
          <section className="import-options">
            {props.sheetNames.length > 1 ? (
              <label>
                {L('import.page.sheet')}{' '}
                <select value={props.sheetIndex} onChange={(e) => props.onSheet(Number(e.currentTarget.value))}>
                  {props.sheetNames.map((name, i) => (
                    <option key={name} value={i}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              {L('import.page.kind')}{' '}
              <select value={props.kind} onChange={(e) => props.onKind(e.currentTarget.value === 'monthly' ? 'monthly' : 'projects')}>
                <option value="projects">{L('import.kind.projects')}</option>
                <option value="monthly">{L('import.kind.monthly')}</option>
              </select>
            </label>
            {props.kind === 'monthly' ? (
              <label>
                {L('import.page.month')} <input type="month" value={props.month} onChange={(e) => props.onMonth(e.currentTarget.value)} />
              </label>
            ) : null}
            {view.monthLine ? <span className="muted">{view.monthLine}</span> : null}
            {view.headerLine ? <span className="muted">{view.headerLine}</span> : null}
          </section>

          {view.sheetErrors.map((e) => (
            <p key={e} className="error" role="alert">
              {e}
            </p>
          ))}

          <details className="import-mapping" open={blocked || undefined}>
            <summary>{L('import.page.mapping')}</summary>
            <p className="muted">{L('import.page.mappingHelp')}</p>
            <table>
              <tbody>
                {view.columns
                  .filter((c) => c.label !== '')
                  .map((c) => (
                    <tr key={c.index}>
                      <td>{c.letter}</td>
                      <td>
                        {c.label}
                        {c.hidden ? <span className="badge">{L('import.page.hidden')}</span> : null}
                      </td>
                      <td>
                        <select
                          aria-label={`${c.letter} ${c.label}`}
                          value={c.field ?? ''}
                          onChange={(e) => props.onMapping(c.index, e.currentTarget.value === '' ? null : (e.currentTarget.value as ImportField))}
                        >
                          {view.fieldOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>

          <section className="import-summary">
            <p className="counts" data-testid="import-counts">
              {view.summary}
            </p>
            {view.unresolved ? <p className="warning">{view.unresolved}</p> : null}
            {props.templateKept ? (
              <p className="muted" data-testid="import-template-kept">
                {L('import.page.templateKept', { name: props.templateKept })}
              </p>
            ) : null}
            <p className="muted">{L('import.page.emptyHint')}</p>
            <label>
              {L('import.page.filter')}{' '}
              <select value={props.filter} onChange={(e) => props.onFilter(e.currentTarget.value as RowFilter)}>
                <option value="all">{L('import.page.filter.all')}</option>
                {view.counts.map((c) => (
                  <option key={c.status} value={c.status}>
                    {c.label}（{c.count}）
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" disabled={blocked || view.toWrite === 0 || phase === 'applying'} onClick={props.onConfirm}>
              {view.confirmLabel}
            </button>
          </section>

          <table className="import-rows">
            <thead>
              <tr>
                <th>{L('import.page.col.row')}</th>
                <th>{L('import.page.col.status')}</th>
                <th>{L('import.page.col.project')}</th>
                <th>{L('import.page.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.key} className={`status-${r.status}`} data-row={r.row}>
                  <td>{r.row}</td>
                  <td>{r.statusLabel}</td>
                  <td>{r.project}</td>
                  <td>
                    {r.lines.map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a row's lines are fixed once drawn
                      <div key={i} className={`line-${line.kind}`}>
                        {line.text}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </main>
  );
}
