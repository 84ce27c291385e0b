/**
 * Round trip in the office's own template (issue #10): an office's 月报 form — title rows, a merged two-row header in
 * its own order, with 责任人 and 备注 columns Guatu does not fill, sometimes 总投资 in 亿元, sometimes a hidden column —
 * is imported (preview), its layout kept as a template, the month's 月报 exported in it, and imported again: every
 * project row is "unchanged", in the office's columns and headers.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportMonthlyReport, headerForMonth } from '../../../client/export/monthly-report-export';
import { reportTemplateOf } from '../../../client/import/report-template';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { importContext } from '../../../shared/import/context';
import { buildPreview } from '../../../shared/import/preview';
import { templateKey } from '../../../shared/import/template-key';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { readSheet } from '../../../server/cli/read-sheet';
import { ANCHOR_UNAVAILABLE, anchorNote } from '../../../shared/history/anchor-note';
import { NONE_SIGNED, SIGNED } from '../export/anchor-fixtures';

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261206;
const NUM_RUNS = 12;

/** A column of the office's form, or a group of columns under one merged heading. */
type Unit = { label: string } | { group: string; children: string[] };

const NAME: Unit = { label: '项目名称' };
const REQUIRED: readonly Unit[] = [NAME, { label: '责任人' }, { label: '备注' }];
/** The 月报's figures as offices head them: both under a merged period heading, or one of them. */
const FIGURES: readonly Unit[] = [
  { group: '2026年1-11月完成投资', children: ['累计', '其中：本月'] },
  { group: '2026年1-11月完成投资', children: ['累计'] },
  { label: '11月完成投资' },
  { label: '1-11月累计完成' },
];
const OPTIONAL: readonly Unit[] = [
  { label: '序号' },
  { label: '项目代码' },
  { label: '所属县区' },
  { label: '建设性质' },
  { label: '建设内容及规模' },
  { group: '建设年限', children: ['开工时间', '竣工时间'] },
  { label: '联系领导' },
  { label: '牵头单位' },
  { label: '帮办单位' },
  { label: '行业类别' },
  { label: '项目阶段' },
  { label: '形象进度' },
  { label: '存在问题和建议' },
  { label: '报送情况' },
  { label: '2026年计划投资（万元）' },
];

/** The office's title: its month, its months so far, or none (the sheet's title is then Guatu's). */
const TITLES = ['2026年11月全县重点项目建设进展情况表', '2026年1-11月全县重点项目建设进展情况表', '全县重点项目建设进展情况表'] as const;

const labelsOf = (units: readonly Unit[]): string[] => units.flatMap((u) => ('label' in u ? [u.label] : u.children.map((c) => `${u.group} › ${c}`)));

/** The office's form as Excel keeps it: title, 填报单位, the two-row header, 合计, a section, two rows, 小计, a note. */
async function officeForm(title: string, units: readonly Unit[], hidden: number | null, names: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('11月');
  const width = labelsOf(units).length;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = title;
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = '填报单位：县发改局（盖章）';
  let at = 1;
  for (const unit of units) {
    if ('label' in unit) {
      sheet.mergeCells(3, at, 4, at);
      sheet.getCell(3, at).value = unit.label;
      at += 1;
      continue;
    }
    sheet.mergeCells(3, at, 3, at + unit.children.length - 1);
    sheet.getCell(3, at).value = unit.group;
    unit.children.forEach((child, i) => {
      sheet.getCell(4, at + i).value = child;
    });
    at += unit.children.length;
  }
  const nameAt = labelsOf(units).indexOf('项目名称') + 1;
  sheet.getCell(5, 1).value = '合计';
  sheet.getCell(6, 1).value = '一、工业项目';
  names.forEach((name, i) => {
    sheet.getCell(7 + i, nameAt).value = name;
  });
  sheet.getCell(7 + names.length, 1).value = '小计';
  sheet.getCell(9 + names.length, 1).value = '注：金额单位为万元。';
  if (hidden !== null) sheet.getColumn(hidden + 1).hidden = true;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe(`the 月报 exported in an imported office template imports back unchanged (seed ${SEED})`, () => {
  it('for any office column order, optional columns, figure columns, 亿元 header, hidden column, county, month and language', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.subarray([...OPTIONAL]),
        fc.array(fc.integer(), { minLength: REQUIRED.length + OPTIONAL.length + 2, maxLength: REQUIRED.length + OPTIONAL.length + 2 }),
        fc.constantFrom(...FIGURES),
        fc.boolean(),
        fc.option(fc.nat(), { nil: null }),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        fc.constantFrom(...TITLES),
        fc.constantFrom(SIGNED, NONE_SIGNED, ANCHOR_UNAVAILABLE),
        async (seed, monthNumber, optional, order, figures, totalInYi, hiddenPick, locale, title, anchor) => {
          const { workspace, projects } = generateWorkspace({ scale: 'county', seed, year: 2026, asOf: '2026-06-28' });
          const month = `2026-${String(monthNumber).padStart(2, '0')}`;
          const chosen: Unit[] = [...REQUIRED, figures, ...optional, { label: totalInYi ? '总投资（亿元）' : '总投资' }];
          const units = chosen
            .map((u, i) => ({ u, key: order[i] ?? 0, i }))
            .sort((a, b) => a.key - b.key || a.i - b.i)
            .map((x) => x.u);
          const labels = labelsOf(units);
          const hidden = hiddenPick === null ? null : hiddenPick % labels.length;
          const context = importContext(workspace, projects);
          const options = { today: '2026-06-28', newId: () => 'never' };

          // The office's form, imported: its layout becomes the template.
          const office = await readSheet(
            '月报.xlsx',
            await officeForm(
              title,
              units,
              hidden,
              projects.slice(0, 2).map((p) => p.project.name),
            ),
          );
          if (!office.ok) throw new Error(JSON.stringify(office.error));
          const first = buildPreview(office.sheet, context, options);
          expect(first.kind).toBe('monthly');
          expect(first.columns.map((c) => c.label)).toEqual(labels);
          const template = reportTemplateOf(first.columns, first.mapping, first.titleLines);
          expect(template.columns.map((c) => c.field === null)).toEqual(labels.map((l) => l === '责任人'));

          // Exported in that layout, and imported again.
          const file = await exportMonthlyReport(
            monthlyReportRows(workspace, projects, month, locale),
            'xlsx',
            locale,
            { workspaceName: workspace.name, exportedOn: '2026-06-28', anchor },
            template,
          );
          const read = await readSheet(file.filename, file.bytes);
          if (!read.ok) throw new Error(JSON.stringify(read.error));
          const preview = buildPreview(read.sheet, context, options);
          expect(preview.sheetErrors).toEqual([]);
          expect(preview.month).toBe(month);
          // the office's title when it names a period, made the month's
          const standard = locale === 'zh-CN' ? `2026年${monthNumber}月重点项目建设月报` : `Key project monthly report, ${monthNumber}/2026`;
          expect(preview.titleLines[0]).toBe(title.startsWith('2026年') ? headerForMonth(title, month) : standard);
          // the office's columns and words, in its order, the period made the month's; the same template next time
          expect(preview.columns.map((c) => c.label)).toEqual(labels.map((l) => headerForMonth(l.replace('亿元', '万元'), month)));
          expect(preview.columns.map((c) => c.hidden)).toEqual(first.columns.map((c) => c.hidden));
          expect(templateKey(preview.columns)).toBe(templateKey(first.columns));
          expect(preview.mapping).toEqual(first.mapping);
          const skipped = preview.rows.filter((r) => r.status === 'skipped');
          expect(skipped.filter((r) => !['total', 'section', 'subtotal', 'note', 'blank'].includes(r.reason ?? ''))).toEqual([]);
          // the anchored history's line under the table is a note, in whichever column the office's layout puts it
          const line = read.sheet.rows.findIndex((row) => row.some((cell) => cell.value === anchorNote(locale, anchor)));
          expect(line).toBeGreaterThan(0);
          expect(preview.rows.find((r) => r.row === line + 1)).toMatchObject({ status: 'skipped', reason: 'note' });
          expect(
            preview.rows
              .filter((r) => r.status !== 'unchanged' && r.status !== 'skipped')
              .map((r) => ({ row: r.row, status: r.status, changes: r.changes, errors: r.errors })),
          ).toEqual([]);
          expect(preview.counts.unchanged).toBe(projects.filter((p) => !p.project.archived).length);
          expect(preview.actions).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  }, 180_000);
});
