/**
 * The column mapping a 项目办 chose for a template, remembered per workspace and template (templateKey: a hash of the
 * header labels). Kept in this browser's Guatu database (the settings table), not in the workspace document: a
 * mapping is the importer's working convenience, not campaign data — it needs no schema in the synced document, no
 * write rule, and nobody else's replica. Another admin's browser maps the template once for itself. The layout of the
 * last 月报 template imported is kept the same way, for the board's "月报（按导入模板）" export.
 */
import * as z from 'zod/mini';
import type { GuatuDb } from '../db';
import { IMPORT_FIELDS } from '../../shared/import/fields';
import type { ColumnMapping } from '../../shared/import/preview';
import { MONTHLY_REPORT_COLUMNS } from '../../shared/calc/monthly-report-rows';
import type { ReportTemplate } from '../export/monthly-report-export';

const StoredMappingSchema = z.record(z.string().check(z.regex(/^\d{1,3}$/)), z.nullable(z.enum(IMPORT_FIELDS)));

const keyOf = (workspaceKey: string, template: string): string => `importMapping|${workspaceKey}|${template}`;

export async function readMapping(db: GuatuDb, workspaceKey: string, template: string): Promise<ColumnMapping | null> {
  const row = await db.settings.get(keyOf(workspaceKey, template));
  const parsed = StoredMappingSchema.safeParse(row?.value);
  if (!parsed.success) return null;
  const mapping: ColumnMapping = {};
  for (const [column, field] of Object.entries(parsed.data)) mapping[Number(column)] = field;
  return mapping;
}

export async function saveMapping(db: GuatuDb, workspaceKey: string, template: string, mapping: ColumnMapping): Promise<void> {
  await db.settings.put({ key: keyOf(workspaceKey, template), value: { ...mapping } });
}

/** A 月报 template the office imported, kept to export the 月报 in its layout (one per workspace: the latest). */
export interface StoredReportTemplate {
  /** What the board's export bar calls it: the sheet's title line, else the sheet's name. */
  name: string;
  template: ReportTemplate;
  /** When it was kept (epoch ms). */
  savedAt: number;
}

const LAYOUT_FIELDS = [...MONTHLY_REPORT_COLUMNS, 'seq', 'county', 'notFiled', 'remark'] as const;

const StoredReportTemplateSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  template: z.object({
    columns: z
      .array(z.object({ field: z.nullable(z.enum(LAYOUT_FIELDS)), header: z.string().check(z.maxLength(200)), hidden: z.optional(z.boolean()) }))
      .check(z.minLength(1), z.maxLength(200)),
    title: z.optional(z.string().check(z.maxLength(200))),
  }),
  savedAt: z.number().check(z.nonnegative()),
});

const templateKeyOf = (workspaceKey: string): string => `reportTemplate|${workspaceKey}`;

/** The 月报 template last imported into this workspace in this browser; none when none was, or what is kept does not parse. */
export async function readReportTemplate(db: GuatuDb, workspaceKey: string): Promise<StoredReportTemplate | null> {
  const row = await db.settings.get(templateKeyOf(workspaceKey));
  const parsed = StoredReportTemplateSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveReportTemplate(db: GuatuDb, workspaceKey: string, stored: StoredReportTemplate): Promise<void> {
  await db.settings.put({ key: templateKeyOf(workspaceKey), value: stored });
}
