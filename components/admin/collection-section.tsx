import { useState } from 'react';
import type { AdminRow } from '../../client/view-models/admin/admin-lists';
import type { FormFieldSpec, FormValues } from '../../client/view-models/admin/form-fields';
import type { FieldError } from '../../shared/schema/field-errors';
import { AdminErrorText } from './admin-error-text';
import type { CollectionActions } from './admin-actions';
import { useAdminMessages, type AdminMessageKey } from './admin-messages';
import { RecordForm } from './record-form';

export interface CollectionSectionProps {
  /** `units`, `members`, `projects`, `targets`: the section's data-kind (tests, styles). */
  kind: string;
  columns: readonly AdminMessageKey[];
  rows: readonly AdminRow[];
  readOnly: boolean;
  addTitle: AdminMessageKey;
  editTitle: AdminMessageKey;
  addFields: readonly FormFieldSpec[];
  /** The edit form's fields for one record (a target's metric is fixed once stored; one's own role too). */
  editFields: (row: AdminRow) => readonly FormFieldSpec[];
  emptyValues: FormValues;
  actions: CollectionActions;
}

type Editing = { id: string; values: FormValues | null; missing: boolean };

/** One kind of record: its list (archived ones on request), an add form, and per row edit, archive or restore. */
export function CollectionSection({ kind, columns, rows, readOnly, addTitle, editTitle, addFields, editFields, emptyValues, actions }: CollectionSectionProps) {
  const { t, label } = useAdminMessages();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<{ id: string; errors: FieldError[] } | null>(null);
  const [query, setQuery] = useState('');
  const archivedCount = rows.filter((r) => r.archived).length;
  const wanted = query.trim().toLowerCase();
  const shown = rows.filter((r) => (showArchived || !r.archived) && (wanted === '' || r.cells.some((c) => label(c).toLowerCase().includes(wanted))));

  const startEdit = async (id: string) => {
    setEditing({ id, values: null, missing: false });
    const values = await actions.load(id);
    setEditing((e) => (e?.id === id ? { id, values, missing: values === null } : e));
  };

  const toggleArchive = async (row: AdminRow) => {
    setNotice(null);
    setRowErrors(null);
    const result = row.archived ? await actions.restore(row.id) : await actions.archive(row.id);
    if (result.ok) setNotice(t(row.archived ? 'admin.restored' : 'admin.archived', { name: row.name }));
    else setRowErrors({ id: row.id, errors: result.errors });
  };

  return (
    <section className={`admin-section admin-${kind}`} data-kind={kind}>
      <div className="section-tools">
        {readOnly ? null : (
          <button type="button" className="primary add" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {t(addTitle)}
          </button>
        )}
        <input
          type="search"
          className="filter"
          aria-label={t('admin.filter')}
          placeholder={t('admin.filter')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="muted count">{t('admin.count', { shown: shown.length })}</span>
        {archivedCount > 0 ? (
          <label className="show-archived">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            {t('admin.showArchived', { count: archivedCount })}
          </label>
        ) : null}
      </div>
      {adding && !readOnly ? (
        <RecordForm
          title={t(addTitle)}
          className="add-form"
          fields={addFields}
          initial={emptyValues}
          submitLabel="admin.action.create"
          onSubmit={(v) => actions.add(v)}
          onCancel={() => setAdding(false)}
          resetOnDone
        />
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p className="empty">{wanted === '' ? t('admin.empty') : t('admin.filterNone', { query: query.trim() })}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {t(c)}
                </th>
              ))}
              {readOnly ? null : <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <RowLines
                key={row.id}
                row={row}
                columns={columns.length}
                readOnly={readOnly}
                editing={editing?.id === row.id ? editing : null}
                errors={rowErrors?.id === row.id ? rowErrors.errors : undefined}
                onEdit={() => void startEdit(row.id)}
                onToggleArchive={() => void toggleArchive(row)}
                editForm={(values) => (
                  <RecordForm
                    title={`${t(editTitle)}：${row.name}`}
                    className="edit-form"
                    fields={editFields(row)}
                    initial={values}
                    submitLabel="admin.action.save"
                    onSubmit={(v, baseline) => actions.edit(row.id, v, baseline)}
                    onCancel={() => setEditing(null)}
                    onDone={() => setEditing(null)}
                  />
                )}
                cellText={label}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RowLines({
  row,
  columns,
  readOnly,
  editing,
  errors,
  onEdit,
  onToggleArchive,
  editForm,
  cellText,
}: {
  row: AdminRow;
  columns: number;
  readOnly: boolean;
  editing: Editing | null;
  errors: FieldError[] | undefined;
  onEdit: () => void;
  onToggleArchive: () => void;
  editForm: (values: FormValues) => React.ReactNode;
  cellText: (l: AdminRow['cells'][number]) => string;
}) {
  const { t } = useAdminMessages();
  return (
    <>
      <tr className={row.archived ? 'archived' : undefined} data-id={row.id}>
        {row.cells.map((cell, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a row are positional columns
          <td key={i}>
            {cellText(cell)}
            {i === 0 && row.archived ? <span className="tag archived-tag">{t('admin.archivedTag')}</span> : null}
            {i === 0 && row.tag ? <span className="tag">{cellText(row.tag)}</span> : null}
            {i === 0 && row.own ? <span className="muted">{t('admin.member.you')}</span> : null}
          </td>
        ))}
        {readOnly ? null : (
          <td className="row-actions">
            {row.archived ? null : (
              <button type="button" className="action edit" onClick={onEdit}>
                {t('admin.action.edit')}
              </button>
            )}
            {row.own ? null : (
              <button type="button" className={row.archived ? 'action restore' : 'action archive'} onClick={onToggleArchive}>
                {t(row.archived ? 'admin.action.restore' : 'admin.action.archive')}
              </button>
            )}
            <AdminErrorText id={`row-${row.id}-error`} errors={errors} />
          </td>
        )}
      </tr>
      {editing ? (
        <tr className="edit-row">
          <td colSpan={columns + 1}>
            {editing.values ? editForm(editing.values) : <p className="muted">{t(editing.missing ? 'admin.recordUnavailable' : 'admin.loadingRecord')}</p>}
          </td>
        </tr>
      ) : null}
    </>
  );
}
