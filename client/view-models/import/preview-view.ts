/**
 * The import preview as the 导入 page draws it: counts, the column mapping with its choices, and each row's result in
 * plain words (old → new per field, errors at their column, why a row was skipped).
 */
import { t } from '../../../shared/i18n';
import { IMPORT_FIELDS, MONEY_FIELDS, type ImportField } from '../../../shared/import/fields';
import type { FieldChange, ImportPreview, RowStatus } from '../../../shared/import/preview';
import type { Locale } from '../../../shared/schema/common';

export type RowFilter = RowStatus | 'all';

export interface ColumnView {
  index: number;
  letter: string;
  label: string;
  hidden: boolean;
  field: ImportField | null;
}

export interface RowView {
  key: string;
  row: number;
  status: RowStatus;
  statusLabel: string;
  project: string;
  lines: Array<{ kind: 'change' | 'error' | 'note' | 'reason'; text: string }>;
}

export interface ImportPreviewView {
  summary: string;
  counts: Array<{ status: RowStatus; label: string; count: number }>;
  monthLine: string | null;
  headerLine: string | null;
  sheetErrors: string[];
  unresolved: string | null;
  columns: ColumnView[];
  fieldOptions: Array<{ value: ImportField | ''; label: string }>;
  rows: RowView[];
  /** How many rows confirming writes (new and changed rows). */
  toWrite: number;
  confirmLabel: string;
}

const STATUSES: readonly RowStatus[] = ['new', 'changed', 'unchanged', 'invalid', 'skipped'];

function value(field: ImportField, v: string | number | null, locale: Locale): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'number' && MONEY_FIELDS.has(field)) return `${v.toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 6 })} 万元`;
  const text = String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function changeText(change: FieldChange, locale: Locale): string {
  const label = t(locale, `import.field.${change.field}`);
  return `${label}：${value(change.field, change.from, locale)} → ${value(change.field, change.to, locale)}`;
}

export function importPreviewView(preview: ImportPreview, locale: Locale, filter: RowFilter = 'all'): ImportPreviewView {
  const counts = STATUSES.map((status) => ({ status, label: t(locale, `import.status.${status}`), count: preview.counts[status] }));
  const rows = preview.rows
    .filter((r) => filter === 'all' || r.status === filter)
    .map((r): RowView => {
      const lines: RowView['lines'] = [];
      if (r.reason) lines.push({ kind: 'reason', text: t(locale, `import.reason.${r.reason}`) });
      for (const c of r.changes) lines.push({ kind: 'change', text: changeText(c, locale) });
      for (const e of r.errors) lines.push({ kind: 'error', text: `${e.column ? `${e.column}：` : ''}${t(locale, e.key, e.params)}` });
      for (const n of r.notes) lines.push({ kind: 'note', text: `${n.column ? `${n.column}：` : ''}${t(locale, n.key, n.params)}` });
      return {
        key: String(r.row),
        row: r.row,
        status: r.status,
        statusLabel: t(locale, `import.status.${r.status}`),
        project: [r.code, r.name].filter((s) => s !== '').join(' '),
        lines,
      };
    });
  const toWrite = preview.actions.length;
  const unresolvedNames = [...preview.unresolved.members, ...preview.unresolved.units];
  return {
    summary: counts
      .filter((c) => c.count > 0)
      .map((c) => `${c.label} ${c.count}`)
      .join(' · '),
    counts,
    monthLine:
      preview.kind === 'monthly' && preview.month
        ? `${t(locale, 'import.page.month')}：${preview.month}（${t(locale, preview.monthSource === 'option' ? 'import.page.monthChosen' : 'import.page.monthFromSheet')}）`
        : null,
    headerLine: preview.headerRows.length > 0 ? t(locale, 'import.page.headerRows', { rows: preview.headerRows.join('–') }) : null,
    sheetErrors: preview.sheetErrors.map((e) => t(locale, e.key, e.params)),
    unresolved: unresolvedNames.length > 0 ? t(locale, 'import.page.unresolved', { names: unresolvedNames.join('、') }) : null,
    columns: preview.columns.map((c) => ({ index: c.index, letter: c.letter, label: c.label, hidden: c.hidden, field: preview.mapping[c.index] ?? null })),
    fieldOptions: [
      { value: '', label: t(locale, 'import.field.none') },
      ...IMPORT_FIELDS.filter((f) => f !== 'seq' && f !== 'remark').map((f) => ({ value: f, label: t(locale, `import.field.${f}`) })),
    ],
    rows,
    toWrite,
    confirmLabel: toWrite > 0 ? t(locale, 'import.page.confirm', { count: toWrite }) : t(locale, 'import.page.nothing'),
  };
}
