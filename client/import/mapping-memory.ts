/**
 * The column mapping a 项目办 chose for a template, remembered per workspace and template (templateKey: a hash of the
 * header labels). Kept in this browser's Guatu database (the settings table), not in the workspace document: a
 * mapping is the importer's working convenience, not campaign data — it needs no schema in the synced document, no
 * write rule, and nobody else's replica. Another admin's browser maps the template once for itself.
 */
import * as z from 'zod/mini';
import type { GuatuDb } from '../db';
import { IMPORT_FIELDS } from '../../shared/import/fields';
import type { ColumnMapping } from '../../shared/import/preview';

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
