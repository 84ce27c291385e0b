import { t } from '../i18n';
import type { Locale } from '../schema/common';
import type { ImportField } from './fields';
import type { ImportKind, ImportPreview, RowStatus } from './preview';

/** The preview as `npm run cli -- import … --json` prints it (issue #10): plain words, in the chosen language. */
export interface PreviewJson {
  kind: ImportKind;
  month: string | null;
  mapping: Record<string, ImportField>;
  rows: Array<{
    row: number;
    status: RowStatus;
    code: string;
    name: string;
    changes: Array<{ field: ImportField; column: string; from: string | number | null; to: string | number | null }>;
    errors: Array<{ column: string; message: string }>;
    reason: string | null;
    notes: Array<{ column: string; message: string }>;
  }>;
  counts: Record<RowStatus, number>;
  unresolved: { members: string[]; units: string[] };
  hiddenColumns: string[];
  sheetErrors: string[];
}

export function previewJson(preview: ImportPreview, locale: Locale): PreviewJson {
  const mapping: Record<string, ImportField> = {};
  for (const c of preview.columns) {
    const f = preview.mapping[c.index];
    if (f) mapping[c.label ? `${c.letter} ${c.label}` : c.letter] = f;
  }
  return {
    kind: preview.kind,
    month: preview.month,
    mapping,
    rows: preview.rows.map((r) => ({
      row: r.row,
      status: r.status,
      code: r.code,
      name: r.name,
      changes: r.changes,
      errors: r.errors.map((e) => ({ column: e.column, message: t(locale, e.key, e.params) })),
      reason: r.reason === null ? null : t(locale, `import.reason.${r.reason}`),
      notes: r.notes.map((n) => ({ column: n.column, message: t(locale, n.key, n.params) })),
    })),
    counts: preview.counts,
    unresolved: preview.unresolved,
    hiddenColumns: preview.columns.filter((c) => c.hidden).map((c) => c.letter),
    sheetErrors: preview.sheetErrors.map((e) => t(locale, e.key, e.params)),
  };
}
