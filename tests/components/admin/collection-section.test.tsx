// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminRow } from '../../../client/view-models/admin/admin-lists';
import { NEW_UNIT, targetFields, newTargetValues, unitFields } from '../../../client/view-models/admin/records';
import type { CollectionActions } from '../../../components/admin/admin-actions';
import { CollectionSection } from '../../../components/admin/collection-section';
import { RecordForm } from '../../../components/admin/record-form';
import { onZhPage } from '../zh-page';

afterEach(cleanup);

const ROWS: AdminRow[] = [
  { id: 'u1', name: '发改委', archived: false, cells: [{ text: '发改委' }, { key: 'unitKind.department' }, { text: '陈刚' }] },
  { id: 'u2', name: '旧专班', archived: true, cells: [{ text: '旧专班' }, { key: 'unitKind.taskForce' }, { key: 'admin.none' }] },
];

function actions(over: Partial<CollectionActions> = {}): CollectionActions {
  return {
    add: vi.fn(async () => ({ ok: true as const })),
    load: vi.fn(async () => ({ ...NEW_UNIT, name: '发改委' })),
    edit: vi.fn(async () => ({ ok: true as const })),
    archive: vi.fn(async () => ({ ok: true as const })),
    restore: vi.fn(async () => ({ ok: true as const })),
    ...over,
  };
}

function renderUnits(readOnly: boolean, a: CollectionActions) {
  return render(
    <CollectionSection
      kind="units"
      columns={['admin.unit.name', 'admin.unit.kind', 'admin.unit.head']}
      rows={ROWS}
      readOnly={readOnly}
      addTitle="admin.unit.add"
      editTitle="admin.unit.edit"
      addFields={unitFields([{ id: 'm1', name: '陈刚' }])}
      editFields={() => unitFields([{ id: 'm1', name: '陈刚' }])}
      emptyValues={NEW_UNIT}
      actions={a}
    />,
    onZhPage,
  );
}

describe('a list section of the admin console', () => {
  it('read-only: the list and nothing to change it with; archived lines only on request', () => {
    renderUnits(true, actions());
    expect(screen.getByRole('table').textContent).toContain('发改委');
    expect(screen.getByRole('table').textContent).toContain('部门');
    expect(screen.getByRole('table').textContent).not.toContain('旧专班');
    expect(screen.queryAllByRole('button')).toEqual([]);
    fireEvent.click(screen.getByLabelText('显示已归档（1）'));
    expect(screen.getByRole('table').textContent).toContain('旧专班已归档');
  });

  it('a refused add shows the model’s error at its field and keeps what was typed', async () => {
    const add = vi.fn(async () => ({ ok: false as const, errors: [{ path: 'name', key: 'err.text.tooLong' as const, params: {} }] }));
    renderUnits(false, actions({ add }));
    fireEvent.click(screen.getByRole('button', { name: '新增单位' }));
    const form = screen.getByRole('form', { name: '新增单位' });
    fireEvent.change(within(form).getByLabelText('单位名称'), { target: { value: '很长的名字' } });
    fireEvent.click(within(form).getByRole('button', { name: '添加' }));
    const alert = await within(form).findByRole('alert');
    expect(within(form).getByLabelText('单位名称').getAttribute('aria-describedby')).toBe(alert.id);
    expect((within(form).getByLabelText('单位名称') as HTMLInputElement).value).toBe('很长的名字');
    expect(add).toHaveBeenCalledWith({ name: '很长的名字', kind: 'department', headId: '' });
  });

  it('edit loads the record into a form; archive and restore say what happened', async () => {
    const a = actions();
    renderUnits(false, a);
    fireEvent.click(screen.getByRole('button', { name: '编辑' }));
    const form = await screen.findByRole('form', { name: '编辑单位：发改委' });
    fireEvent.change(within(form).getByLabelText('单位名称'), { target: { value: '发展改革委' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(a.edit).toHaveBeenCalledWith('u1', { name: '发展改革委', kind: 'department', headId: '' }, { name: '发改委', kind: 'department', headId: '' }),
    );
    await waitFor(() => expect(screen.queryByRole('form', { name: '编辑单位：发改委' })).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: '归档' }));
    expect((await screen.findByText('已归档“发改委”')).getAttribute('role')).toBe('status');
    fireEvent.click(screen.getByLabelText('显示已归档（1）'));
    fireEvent.click(screen.getByRole('button', { name: '恢复' }));
    await waitFor(() => expect(a.restore).toHaveBeenCalledWith('u2'));
  });
});

describe('filtering a long list', () => {
  it('keeps the lines whose name, unit or person contains the words typed', () => {
    renderUnits(true, actions());
    fireEvent.change(screen.getByLabelText('筛选（名称、单位、人员）'), { target: { value: '陈' } });
    expect(screen.getByRole('table').textContent).toContain('发改委');
    fireEvent.change(screen.getByLabelText('筛选（名称、单位、人员）'), { target: { value: '交通' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('没有符合“交通”的记录')).toBeTruthy();
  });
});

describe('a record form', () => {
  it('shows a field only when the field it depends on says so, and a fixed field disabled', () => {
    render(
      <RecordForm
        title="目标"
        fields={targetFields([{ id: 'u1', name: '发改委' }], [], [], true)}
        initial={newTargetValues(2026)}
        submitLabel="admin.action.save"
        onSubmit={() => ({ ok: true })}
      />,
      onZhPage,
    );
    expect(screen.queryByLabelText('考核单位')).toBeNull();
    fireEvent.change(screen.getByLabelText('考核对象'), { target: { value: 'unit' } });
    expect(screen.getByLabelText('考核单位')).toBeTruthy();
    expect((screen.getByLabelText('指标') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByText('指标类型创建后不能更改；如需调整请归档后重新新增。')).toBeTruthy();
  });
});
