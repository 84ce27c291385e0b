/**
 * Round trip (issue #10): for any generated workspace, the 月报 Guatu exports (xlsx or CSV, either language, any month
 * of the year so far) imports back with every row "unchanged" — nothing new, nothing changed, nothing invalid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportMonthlyReport } from '../../../client/export/monthly-report-export';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { importContext } from '../../../shared/import/context';
import { buildPreview } from '../../../shared/import/preview';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { readSheet } from '../../../server/cli/read-sheet';
import { ANCHOR_UNAVAILABLE, anchorNote } from '../../../shared/history/anchor-note';
import { NONE_SIGNED, SIGNED } from './anchor-fixtures';

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261205;
const NUM_RUNS = 6;

describe(`the 月报 export imports back unchanged (seed ${SEED})`, () => {
  it('for any generated county, month, format and language', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('xlsx' as const, 'csv' as const),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        fc.constantFrom(SIGNED, NONE_SIGNED, ANCHOR_UNAVAILABLE),
        async (seed, monthNumber, format, locale, anchor) => {
          const { workspace, projects } = generateWorkspace({ scale: 'county', seed, year: 2026, asOf: '2026-06-28' });
          const month = `2026-${String(monthNumber).padStart(2, '0')}`;
          const file = await exportMonthlyReport(monthlyReportRows(workspace, projects, month, locale), format, locale, {
            workspaceName: workspace.name,
            exportedOn: '2026-06-28',
            anchor,
          });
          const read = await readSheet(file.filename, file.bytes);
          if (!read.ok) throw new Error(JSON.stringify(read.error));
          // a CSV has no title line to name the month: the importer is told it, as `--month` does
          const preview = buildPreview(read.sheet, importContext(workspace, projects), {
            ...(format === 'csv' ? { month } : {}),
            today: '2026-06-28',
            newId: () => 'never',
          });
          expect(preview.sheetErrors).toEqual([]);
          expect(preview.month).toBe(month);
          // the county form's 合计, section (一、工业项目) and 小计 rows, the notes under the table and blank lines are
          // skipped as such, never read as projects
          const skipped = preview.rows.filter((r) => r.status === 'skipped');
          expect(skipped.filter((r) => !['total', 'section', 'subtotal', 'note', 'blank'].includes(r.reason ?? ''))).toEqual([]);
          expect(preview.rows.filter((r) => r.status === 'skipped' && r.reason === 'total')).toHaveLength(format === 'xlsx' ? 1 : 0);
          // the anchored history's line under the table is a note, whatever it says
          if (format === 'xlsx') {
            const line = read.sheet.rows.findIndex((row) => row.some((cell) => cell.value === anchorNote(locale, anchor)));
            expect(line).toBeGreaterThan(0);
            expect(preview.rows.find((r) => r.row === line + 1)).toMatchObject({ status: 'skipped', reason: 'note' });
          }
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
  }, 120_000);
});
