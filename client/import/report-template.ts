/**
 * The layout of a 月报 template the office imported, for exporting the month's 月报 back in it (issue #10): the sheet's
 * columns left to right with the office's own header texts, each holding the field its import mapping read from it.
 * Pure: the import page makes one from a 月报 preview's header and mapping and keeps it (mapping-memory.ts).
 */
import type { LayoutField, ReportTemplate } from '../export/monthly-report-export';
import { headerUnit } from '../../shared/import/amount';
import type { ImportField } from '../../shared/import/fields';
import type { HeaderColumn } from '../../shared/import/header';
import type { ColumnMapping } from '../../shared/import/preview';

/**
 * What the export writes in a column the import reads as each field. 报送情况 gets 已报送/未报送 and 备注 未报送 where
 * nothing else says it; 责任人, which the 月报 export does not hold, is null: the column stays in its place, with its
 * header, and is left blank.
 */
export const LAYOUT_OF_IMPORT_FIELD: Readonly<Record<ImportField, LayoutField>> = {
  seq: 'seq',
  code: 'code',
  name: 'name',
  kind: 'kind',
  content: 'content',
  totalInvestment: 'totalInvestment',
  annualPlan: 'annualPlan',
  cumulative: 'cumulativeCompleted',
  monthCompleted: 'monthCompleted',
  plannedStart: 'plannedStart',
  plannedCompletion: 'plannedCompletion',
  leader: 'leader',
  owner: null,
  unit: 'responsibleUnit',
  serviceUnit: 'serviceUnit',
  county: 'county',
  category: 'category',
  stage: 'stage',
  progress: 'progress',
  issues: 'issues',
  notFiled: 'notFiled',
  remark: 'remark',
};

const MONEY_LAYOUT: ReadonlySet<LayoutField> = new Set(['totalInvestment', 'annualPlan', 'cumulativeCompleted', 'monthCompleted']);

/**
 * The export writes money in 万元: a money header naming 亿元 or 元 ("总投资（亿元）") is given 万元 instead, so the
 * figures under it read right (and import back as they are).
 */
function moneyHeader(label: string): string {
  const unit = headerUnit(label);
  if (unit === null || unit === 'wan') return label;
  const named = label.replace(/[(（]\s*(亿元|元)\s*[)）]/g, '（万元）');
  return headerUnit(named) === 'wan' ? named : label.replace(/亿元|(?<!万)元/g, '万元');
}

/**
 * The template of an imported 月报: every column of its header in the office's order and words ("group › column" for a
 * merged two-row header), with the field the mapping reads from it (a column mapped to nothing, or to a field the
 * export does not hold, or a field's second column, is kept blank). Trailing columns with neither a header nor a field
 * (stray cells beside the table) are left out; hidden columns are kept hidden. The sheet's first title line is kept as
 * the template's title.
 */
export function reportTemplateOf(columns: readonly HeaderColumn[], mapping: ColumnMapping, titleLines: readonly string[] = []): ReportTemplate {
  const taken = new Set<LayoutField>();
  const out = [...columns]
    .sort((a, b) => a.index - b.index)
    .map((c) => {
      const imported = mapping[c.index] ?? null;
      const mapped = imported === null ? null : LAYOUT_OF_IMPORT_FIELD[imported];
      // the import reads a field from its first column only: a second column of it is the office's, kept blank
      const field = mapped !== null && !taken.has(mapped) ? mapped : null;
      if (field !== null) taken.add(field);
      const label = c.label.trim();
      return { field, header: MONEY_LAYOUT.has(field) ? moneyHeader(label) : label, ...(c.hidden ? { hidden: true } : {}) };
    });
  while (out.length > 0 && out.at(-1)?.field === null && out.at(-1)?.header === '') out.pop();
  const title = titleLines[0]?.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { columns: out, ...(title ? { title } : {}) };
}

/**
 * What the office's template is called on the board's export bar: its title line without the period it names
 * ("2026年1-11月全县重点项目建设进展表" → "全县重点项目建设进展表"), else the sheet's name, else the file's.
 */
export function reportTemplateName(titleLines: readonly string[], sheetName: string, fileName: string | null): string {
  const title = (titleLines[0] ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\d{4}\s*年\s*(?:度\s*)?(?:\d{1,2}\s*(?:[-~至到]\s*\d{1,2}\s*)?月\s*(?:份\s*)?)?/, '')
    .trim();
  const name = title || sheetName.trim() || (fileName ?? '').replace(/\.[^.]+$/, '').trim() || '—';
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}
